//! Accepting connections: hyper's HTTP/1 server with a header-read timeout
//! and a cap on open connections (`axum::serve` has neither: a client that
//! opens connections and never finishes its headers held them forever).
//!
//! - A connection must deliver each request's headers within
//!   [`HttpLimits::header_timeout`] of the server starting to wait for them
//!   (a new connection, or an idle keep-alive one); otherwise hyper closes it.
//!   A response being sent (a page, or a live-reload event stream that stays
//!   open for hours) is not affected: its headers came at once.
//! - At most [`HttpLimits::max_connections`] connections are served at a time;
//!   further ones wait in the system's accept queue until one closes.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Limits on what clients may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// Longest wait for a request's headers.
    pub header_timeout: Duration,
    /// Most connections served at once (open tabs each keep one for their
    /// live-reload stream; a browser opens at most 6 per host).
    pub max_connections: usize,
}

impl Default for HttpLimits {
    fn default() -> HttpLimits {
        HttpLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

/// Serve `app` on `listener` until the runtime is shut down.
pub async fn serve(listener: TcpListener, app: Router, limits: HttpLimits) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a connection reset before it was
                // accepted: try again shortly rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            // An error here is the client's doing (timeout, reset, garbage):
            // nothing to report.
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}
