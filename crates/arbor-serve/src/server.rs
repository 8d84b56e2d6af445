//! The router ([`router`]): every route, with one log line and one metrics record per request;
//! [`serve`] until a shutdown signal, in-flight requests finished first.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;

use crate::api;
use crate::error::Result;
use crate::service::Service;

/// Every route, each request logged and counted.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/models", get(api::models).post(api::models))
        .route("/process", get(api::process).post(api::process))
        .route("/parse", post(api::parse))
        .route("/health", get(api::health))
        .route("/metrics", get(api::metrics))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&service), observe))
        .with_state(service)
}

/// Log one line and record the status and latency of each request.
async fn observe(State(s): State<Arc<Service>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    // The routes by name, everything else as one label (bounded metric cardinality).
    let route =
        ["/models", "/process", "/parse", "/health", "/metrics"].into_iter().find(|r| *r == path).unwrap_or("other");
    let response = next.run(request).await;
    let seconds = start.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    s.metrics.record(route, status, seconds);
    if s.config.log {
        eprintln!("{method} {path} {status} {:.1} ms", seconds * 1000.0);
    }
    response
}

/// Answer requests on `listener` until `shutdown` completes; requests in flight then are
/// finished, new connections refused.
pub async fn serve(
    listener: TcpListener,
    service: Arc<Service>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router(service)).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Completes on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
