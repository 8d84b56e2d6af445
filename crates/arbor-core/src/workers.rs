//! An ordered parallel map over a stream: the calling thread reads and submits jobs and hands
//! the results on in input order; `workers` scoped threads do the work in between. At most
//! twice as many jobs as workers are in flight, so memory stays bounded however long the input
//! is. With one worker everything runs on the calling thread.
//!
//! An error from reading or from handing on stops the reading; results of jobs read before a
//! read error are still handed on, in order, before the error is returned.

use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};

/// Run `work` on every job that `feed` submits, calling `emit` with the results in the order
/// the jobs were submitted. `feed` gets the submit function; an error it returns (or an error
/// from `emit`, which `submit` passes back) ends the run.
pub fn ordered<J, R, E>(
    workers: usize,
    feed: impl FnOnce(&mut dyn FnMut(J) -> Result<(), E>) -> Result<(), E>,
    work: impl Fn(J) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    J: Send,
    R: Send,
{
    if workers <= 1 {
        return feed(&mut |job| emit(work(job)));
    }
    let (job_tx, job_rx) = mpsc::channel::<(usize, J)>();
    let (result_tx, result_rx) = mpsc::channel::<(usize, R)>();
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, result_tx, work) = (&job_rx, result_tx.clone(), &work);
            scope.spawn(move || loop {
                // A poisoned lock only means another worker panicked (the scope re-raises it).
                let next = job_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((i, job)) = next else { break };
                if result_tx.send((i, work(job))).is_err() {
                    break;
                }
            });
        }
        drop(result_tx);
        let mut order = Order { submitted: 0, emitted: 0, done: BTreeMap::new(), emit_failed: false };
        // Wait for results until at most `limit` jobs are in flight, handing them on in order.
        let mut settle = |order: &mut Order<R>, limit: usize| -> Result<(), E> {
            while order.submitted - order.emitted > limit {
                // Every worker gone means one panicked: the scope re-raises it.
                let Ok((i, result)) = result_rx.recv() else { return Ok(()) };
                order.done.insert(i, result);
                while let Some(result) = order.done.remove(&order.emitted) {
                    order.emitted += 1;
                    emit(result).inspect_err(|_| order.emit_failed = true)?;
                }
            }
            Ok(())
        };
        let fed = feed(&mut |job| {
            // The workers only stop once `job_tx` is dropped, so this succeeds.
            let _ = job_tx.send((order.submitted, job));
            order.submitted += 1;
            settle(&mut order, 2 * workers)
        });
        let out = match fed {
            Err(e) if order.emit_failed => Err(e),
            // A read error: what was read before it is still handed on.
            fed => settle(&mut order, 0).and(fed),
        };
        drop(job_tx); // the workers finish their jobs and stop
        out
    })
}

struct Order<R> {
    submitted: usize,
    emitted: usize,
    /// Results that finished before an earlier job's.
    done: BTreeMap<usize, R>,
    emit_failed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Submits jobs 0..n, or fails with a read error at `fail_at`.
    fn feed(
        n: usize,
        fail_at: Option<usize>,
    ) -> impl FnOnce(&mut dyn FnMut(usize) -> Result<(), String>) -> Result<(), String> {
        move |submit| {
            for k in 0..n {
                if Some(k) == fail_at {
                    return Err(format!("bad input at {k}"));
                }
                submit(k)?;
            }
            Ok(())
        }
    }

    /// Later jobs finish first (they sleep less), yet results come out in input order.
    fn slow_square(k: usize) -> usize {
        std::thread::sleep(std::time::Duration::from_micros(((50 - k % 50) * 20) as u64));
        k * k
    }

    #[test]
    fn results_come_out_in_input_order_with_any_number_of_workers() {
        for workers in [1, 2, 3, 8] {
            let mut got = Vec::new();
            ordered(workers, feed(200, None), slow_square, |r| {
                got.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(got, (0..200).map(|k| k * k).collect::<Vec<_>>(), "{workers} workers");
        }
    }

    #[test]
    fn a_read_error_comes_after_every_result_read_before_it() {
        for workers in [1, 4] {
            let mut got = Vec::new();
            let err = ordered(workers, feed(100, Some(37)), slow_square, |r| {
                got.push(r);
                Ok(())
            })
            .unwrap_err();
            assert_eq!(err, "bad input at 37");
            assert_eq!(got, (0..37).map(|k| k * k).collect::<Vec<_>>(), "{workers} workers");
        }
    }

    #[test]
    fn an_emit_error_stops_the_reading() {
        for workers in [1, 3] {
            let mut read = 0;
            let counting = |submit: &mut dyn FnMut(usize) -> Result<(), String>| {
                for k in 0..1_000_000 {
                    read += 1;
                    submit(k)?;
                }
                Ok(())
            };
            let err =
                ordered(workers, counting, |k| k, |k| if k == 5 { Err(format!("closed at {k}")) } else { Ok(()) });
            assert_eq!(err.unwrap_err(), "closed at 5");
            assert!(read < 100, "{read} jobs read");
        }
    }
}
