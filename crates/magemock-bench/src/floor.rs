//! The floor: a bare actix-web server that answers every request with the same static body,
//! with magemock's worker count and SIGTERM handling, so that what is left between the two is
//! magemock's own work. Run as `magemock-bench __floor`.

use std::io::Write;

use actix_web::{App, HttpResponse, HttpServer, web};

/// About the size of the default store's `GET /V1/products/24-MB01` (1.5 KB).
pub fn body() -> String {
    let filler = "x".repeat(1400);
    format!(r#"{{"id":1,"sku":"24-MB01","name":"Joust Duffle Bag","description":"{filler}"}}"#)
}

async fn answer(body: web::Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .body(body.get_ref().clone())
}

pub fn run() -> Result<(), String> {
    actix_web::rt::System::new().block_on(serve())
}

async fn serve() -> Result<(), String> {
    let body = web::Data::new(body());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(body.clone())
            .default_service(web::to(answer))
    })
    .workers(2)
    .disable_signals()
    .shutdown_timeout(0)
    .bind(("127.0.0.1", 0))
    .map_err(|e| format!("floor: cannot bind: {e}"))?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or("floor: no bound address")?;
    // Installed before the ready line: a SIGTERM sent right after it must find the handler.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| format!("floor: SIGTERM handler: {e}"))?;
    let server = server.run();
    let handle = server.handle();
    let task = actix_web::rt::spawn(server);
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "floor listening on http://{addr}");
        let _ = out.flush();
    }
    term.recv().await;
    handle.stop(false).await;
    let _ = task.await;
    Ok(())
}
