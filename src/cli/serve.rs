use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;
use congxa::messages::Lang;
use congxa::msg;
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
    pub fn run(self, lang: Lang) -> ExitCode {
        if !is_loopback(self.bind) {
            let example = if self.bind.is_unspecified() {
                format!("http://192.168.1.5:{}/", self.port)
            } else {
                format!(
                    "http://{}/",
                    std::net::SocketAddr::new(self.bind, self.port)
                )
            };
            let warning = msg!("serve-bind-network", bind = self.bind.to_string());
            let hint = msg!("serve-bind-network-hint", example = example);
            eprintln!(
                "{}\n  = {}: {}",
                warning.render(lang),
                lang.text("hint-label"),
                hint.render(lang)
            );
        }
        let mut opts = ServeOptions::new(self.root.root);
        opts.bind = self.bind;
        opts.port = self.port;
        opts.drafts = self.drafts;
        opts.verbose = true;
        opts.lang = lang;
        opts.render_limits = congxa::templating::limits::RenderLimits::from_env();
        let server = match Server::start(opts) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("congxa serve: {}", e.render(lang));
                return ExitCode::from(1);
            }
        };
        println!(
            "{}",
            msg!("serve-listening", url = &server.url).render(lang)
        );
        if let Some(backend) = server.backend_addr {
            let admin = msg!(
                "serve-admin",
                url = &server.url,
                backend = backend.to_string()
            );
            println!("{}", admin.render(lang));
        }
        if self.open
            && let Err(e) = open::that_detached(&server.url)
        {
            let e = msg!("serve-no-browser", error = e.to_string());
            eprintln!("congxa serve: {}", e.render(lang));
        }
        server.wait_for_ctrl_c();
        println!("{}", lang.text("serve-stopped"));
        server.stop();
        ExitCode::SUCCESS
    }
}
