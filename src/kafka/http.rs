//! The operations endpoints: `/metrics` (Prometheus text format), `/health` (liveness) and
//! `/ready` (readiness, see [`Status`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use super::status::Status;

#[derive(Clone)]
struct AppState {
    metrics: PrometheusHandle,
    status: Arc<Status>,
}

/// Binds the listener now (so a taken port fails the start-up) and returns the server task's
/// future, which runs until `stop` is cancelled.
pub async fn bind(
    addr: SocketAddr,
    metrics: PrometheusHandle,
    status: Arc<Status>,
    stop: CancellationToken,
) -> std::io::Result<(
    SocketAddr,
    impl std::future::Future<Output = std::io::Result<()>>,
)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let app = Router::new()
        .route("/metrics", get(render_metrics))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .with_state(AppState { metrics, status });
    let server = async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await
    };
    Ok((local, server))
}

async fn render_metrics(State(s): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        s.metrics.render(),
    )
}

async fn health(State(s): State<AppState>) -> impl IntoResponse {
    if s.status.is_alive() {
        (StatusCode::OK, "ok\n".to_string())
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "failed: see the logs\n".to_string(),
        )
    }
}

async fn ready(State(s): State<AppState>) -> impl IntoResponse {
    match s.status.readiness() {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}\n", why.as_str()),
        ),
    }
}
