//! libtorch is linked, runs, and round-trips a VarStore through a model directory and a
//! checkpoint. Runs without LD_LIBRARY_PATH thanks to the rpath that arbor-build sets.

use arbor_core::{DeviceSpec, Metadata, ModelDir};
use arbor_nn::{Checkpoint, Resolve, Weights};
use serde::{Deserialize, Serialize};
use tch::{nn, Device, Kind, Tensor};

#[test]
fn a_tensor_operation_gives_the_right_numbers() {
    let a = Tensor::from_slice(&[1.0f32, 2.0, 3.0, 4.0]).reshape([2, 2]);
    let b = a.matmul(&a); // [[7, 10], [15, 22]]
    let v: Vec<f32> = b.flatten(0, 1).try_into().unwrap();
    assert_eq!(v, [7.0, 10.0, 15.0, 22.0]);
}

fn linear_store() -> (nn::VarStore, nn::Linear) {
    let vs = nn::VarStore::new(Device::Cpu);
    let lin = nn::linear(vs.root() / "proj", 4, 3, Default::default());
    (vs, lin)
}

#[test]
fn a_model_directory_saves_and_loads_weights_and_refuses_other_versions() {
    tch::manual_seed(7);
    let (vs, lin) = linear_store();
    let x = Tensor::randn([2, 4], (Kind::Float, Device::Cpu));
    let before = x.apply(&lin);

    let tmp = tempfile::tempdir().unwrap();
    let dir = ModelDir::create(tmp.path().join("m")).unwrap();
    dir.write_metadata(&Metadata::new("toy", 3)).unwrap();
    dir.save_weights(&vs).unwrap();

    tch::manual_seed(8);
    let (mut vs2, lin2) = linear_store();
    assert!(!x.apply(&lin2).allclose(&before, 1e-6, 1e-6, false));
    let (dir2, meta) = ModelDir::open(tmp.path().join("m"), "toy", 3).unwrap();
    assert_eq!(meta.kind, "toy");
    dir2.load_weights(&mut vs2).unwrap();
    assert!(x.apply(&lin2).allclose(&before, 1e-6, 1e-6, false));

    let e = ModelDir::open(tmp.path().join("m"), "toy", 4).unwrap_err().to_string();
    assert!(e.contains("format version 3") && e.contains("reads version 4"), "{e}");
    let e = ModelDir::open(tmp.path().join("m"), "parser", 3).unwrap_err().to_string();
    assert!(e.contains("expected an Arbor 'parser' model"), "{e}");
    let e = ModelDir::open(tmp.path().join("nope"), "toy", 3).unwrap_err().to_string();
    assert!(e.contains("no such model directory"), "{e}");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct State {
    epoch: usize,
    best: f64,
}

#[test]
fn a_checkpoint_resumes_weights_and_state() {
    let (vs, lin) = linear_store();
    let tmp = tempfile::tempdir().unwrap();
    let ck = Checkpoint::new(tmp.path().join("ck"));
    assert!(!ck.exists());
    let moment = Tensor::from_slice(&[0.25f32, -1.0]);
    ck.save(&vs, &[("m.0".to_string(), moment.shallow_clone())], &State { epoch: 3, best: 0.5 }).unwrap();
    assert!(ck.exists());
    let (mut vs2, lin2) = linear_store();
    let (state, extra): (State, _) = ck.load(&mut vs2).unwrap();
    assert_eq!(state, State { epoch: 3, best: 0.5 });
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].0, "m.0");
    assert!(extra[0].1.equal(&moment));
    assert!(lin2.ws.allclose(&lin.ws, 0.0, 0.0, false));
}

#[test]
fn the_auto_device_is_usable() {
    let d = DeviceSpec::Auto.resolve().unwrap();
    let t = Tensor::ones([3], (Kind::Float, d));
    assert_eq!(t.sum(Kind::Float).double_value(&[]), 3.0);
}

#[cfg(feature = "cuda-tests")]
#[test]
fn cuda_tensors_compute_and_come_back() {
    let d = DeviceSpec::Cuda(0).resolve().expect("cuda-tests need a CUDA device");
    let a = Tensor::from_slice(&[1.0f32, 2.0, 3.0, 4.0]).reshape([2, 2]).to_device(d);
    let v: Vec<f32> = a.matmul(&a).to_device(Device::Cpu).flatten(0, 1).try_into().unwrap();
    assert_eq!(v, [7.0, 10.0, 15.0, 22.0]);
}
