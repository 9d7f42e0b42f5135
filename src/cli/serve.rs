use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;
use congxa::serve::{ServeOptions, Server, is_loopback};

use super::RootArgs;

/// Preview the site: build it in memory, serve it, rebuild what changes and reload the browser.
///
/// Watches `content/`, `themes/` and `site.yaml`; an edit re-renders the article and the
/// pages that show it, and open tabs reload. Errors show in the terminal and over the page,
/// while the last good build keeps being served. Nothing is written to `output/`.
#[derive(Debug, Args)]
pub struct ServeCommand {
    #[command(flatten)]
    root: RootArgs,
    /// Address to listen on. The default only accepts this computer; another address
    /// (e.g. 0.0.0.0) shows the preview to the whole network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Include drafts and future-dated pages.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the default web browser.
    #[arg(long)]
    open: bool,
}

impl ServeCommand {
    pub fn run(self) -> ExitCode {
        if !is_loopback(self.bind) {
            let example = if self.bind.is_unspecified() {
                format!("http://192.168.1.5:{}/", self.port)
            } else {
                format!(
                    "http://{}/",
                    std::net::SocketAddr::new(self.bind, self.port)
                )
            };
            eprintln!(
                "cảnh báo (warning): --bind {} cho mọi máy trong mạng xem được bản xem trước (the preview is reachable from the network); dùng 127.0.0.1 nếu không cần.\n  = gợi ý (hint): từ máy khác, mở bằng địa chỉ IP của máy này, ví dụ {example} (open it by this computer's IP address; host names other than localhost are refused)",
                self.bind
            );
        }
        let mut opts = ServeOptions::new(self.root.root);
        opts.bind = self.bind;
        opts.port = self.port;
        opts.drafts = self.drafts;
        opts.verbose = true;
        opts.render_limits = congxa::templating::limits::RenderLimits::from_env();
        let server = match Server::start(opts) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("congxa serve: {e}");
                return ExitCode::from(1);
            }
        };
        println!(
            "Đang phục vụ tại {} — sửa tệp trong content/, themes/ hoặc site.yaml để xem ngay. Ctrl+C để dừng.",
            server.url
        );
        if let Some(backend) = server.backend_addr {
            println!(
                "Trang biên tập: {}admin/ — bài lưu thẳng vào content/ (máy chủ biên tập tại http://{backend}, chỉ máy này dùng được).",
                server.url
            );
        }
        if self.open
            && let Err(e) = open::that_detached(&server.url)
        {
            eprintln!("congxa serve: cannot open a browser: {e}");
        }
        server.wait_for_ctrl_c();
        println!("Đã dừng.");
        server.stop();
        ExitCode::SUCCESS
    }
}
