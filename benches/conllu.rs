//! Criterion benches of the CoNLL-U hot paths on UD EWT dev: read, write, evaluate.
//! Needs ARBOR_DATA (the shared data folder):
//! `ARBOR_DATA=../shared/data cargo bench -p arbor-conllu --bench conllu`

use std::path::PathBuf;

use arbor_conllu::eval::{evaluate, Options};
use arbor_conllu::{Reader, Writer};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn ewt_dev() -> Vec<u8> {
    let data = std::env::var_os("ARBOR_DATA")
        .map(PathBuf::from)
        .expect("ARBOR_DATA is not set: point it at the shared data folder (e.g. ../shared/data)");
    let path = data.join("ud/UD_English-EWT/en_ewt-ud-dev.conllu");
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn benches(c: &mut Criterion) {
    let bytes = ewt_dev();
    let sentences: Vec<_> = Reader::new(&bytes[..], "dev").collect::<Result<_, _>>().unwrap();
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    let mut g = c.benchmark_group("ewt-dev");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("read", |b| b.iter(|| Reader::new(&bytes[..], "dev").collect::<Result<Vec<_>, _>>().unwrap()));
    g.bench_function("write", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(bytes.len());
            Writer::new(&mut out).write_all(&sentences).unwrap();
            out
        })
    });
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("evaluate", |b| b.iter(|| evaluate(&sentences, &sentences, &Options::default()).unwrap()));
    g.finish();
}

criterion_group!(conllu, benches);
criterion_main!(conllu);
