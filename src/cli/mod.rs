//! Commands, one file each; shared options are flattened in.

mod audit;
mod build;
mod check;
mod init;
mod new;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use congxa::diagnostics::Diagnostics;
use congxa::messages::{self, Lang};

/// congxa — trang thông tin điện tử xã từ Markdown.
/// (The help texts shown are the catalogue's `cli-*` messages, see `command`.)
#[derive(Debug, Parser)]
#[command(name = "congxa", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: `vi` (default) or `en`; else `CONGXA_LANG`.
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    lang: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::BuildCommand),
    Check(check::CheckCommand),
    Audit(audit::AuditCommand),
    New(new::NewCommand),
    Init(init::InitCommand),
    Serve(serve::ServeCommand),
}

/// Where the site is.
#[derive(Debug, Args, Clone)]
pub struct RootArgs {
    /// Site directory (holding `site.yaml` and `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl Cli {
    /// The command line, its help in the language chosen by `--lang` or
    /// `CONGXA_LANG` (looked for before parsing, as the help is made first).
    pub fn parse_localized() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let lang = Lang::choose(
            lang_in_args(&args).as_deref(),
            std::env::var("CONGXA_LANG").ok().as_deref(),
        );
        let parsed = command(lang)
            .try_get_matches_from(args)
            .and_then(|m| Cli::from_arg_matches(&m));
        match parsed {
            Ok(cli) => cli,
            Err(e) => usage_error(e, lang),
        }
    }

    /// The language of messages: `--lang`, else `CONGXA_LANG`, else Vietnamese.
    pub fn lang(&self) -> Lang {
        Lang::choose(
            self.lang.as_deref(),
            std::env::var("CONGXA_LANG").ok().as_deref(),
        )
    }

    pub fn run(self) -> ExitCode {
        let lang = self.lang();
        match self.command {
            Command::Build(c) => c.run(lang),
            Command::Audit(c) => c.run(lang),
            Command::Check(c) => c.run(lang),
            Command::New(c) => c.run(lang),
            Command::Init(c) => c.run(lang),
            Command::Serve(c) => c.run(lang),
        }
    }
}

/// A usage error (exit 2), or the help or version asked for (exit 0). clap's
/// own words are English: in Vietnamese, the common mistakes are said from
/// the catalogue, with clap's "did you mean".
fn usage_error(e: clap::Error, lang: Lang) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    use congxa::msg;
    let shown = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown || lang == Lang::En {
        e.exit()
    }
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            msg!("usage-unknown-argument", arg = ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            msg!(
                "usage-unknown-command",
                name = ctx(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg!(
            "usage-invalid-value",
            arg = ctx(ContextKind::InvalidArg),
            value = ctx(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            msg!("usage-missing-argument", arg = ctx(ContextKind::InvalidArg))
        }
        _ => msg!("usage-other"),
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(ctx)
    .find(|s| !s.is_empty());
    let hint = match suggested {
        Some(s) => msg!("did-you-mean", name = s),
        None => msg!("usage-hint"),
    };
    eprintln!(
        "{}\n  = {}: {}",
        message.render(lang),
        lang.text("hint-label"),
        hint.render(lang)
    );
    std::process::exit(2)
}

/// The value of `--lang xx` or `--lang=xx` among the arguments.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<String> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--lang" {
            return it.next().map(str::to_string);
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// The command line with every help text from the catalogue (`cli-<command>-about`,
/// `cli-<command>-<argument>`), headings and the help and version flags in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    localize(Cli::command(), "cli", lang)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text(lang, "cli-version"))
                .help_heading(text(lang, "cli-heading-options")),
        )
}

fn text(lang: Lang, id: &str) -> String {
    messages::lookup(lang, id).unwrap_or_else(|| id.to_string())
}

fn localize(cmd: clap::Command, key: &str, lang: Lang) -> clap::Command {
    let options = text(lang, "cli-heading-options");
    let arguments = text(lang, "cli-heading-arguments");
    let long = messages::lookup(lang, &format!("{key}-long"));
    let cmd = match long {
        Some(l) => cmd.long_about(l),
        None => cmd.long_about(None::<&str>),
    };
    let mut cmd = cmd
        .about(text(lang, &format!("{key}-about")))
        .override_usage(text(lang, &format!("{key}-usage")))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text(lang, "cli-heading-usage")
        ))
        .subcommand_help_heading(text(lang, "cli-heading-commands"))
        .subcommand_value_name(text(lang, "cli-value-command"))
        .disable_help_flag(true)
        .mut_args(|a| {
            if a.is_global_set() && key != "cli" {
                return a;
            }
            let heading = if a.is_positional() {
                &arguments
            } else {
                &options
            };
            let id = format!("{key}-{}", a.get_id());
            // Defaults and possible values are said in the help text itself
            // (clap would add them in English).
            let a = a.help(text(lang, &id)).help_heading(heading.clone());
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text(lang, "cli-help"))
                .help_heading(options.clone()),
        );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_key = if key == "cli" {
            format!("cli-{name}")
        } else {
            format!("{key}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |c| localize(c, &sub_key, lang));
    }
    cmd
}

/// Print the warnings of a successful run (on stderr, like problems).
pub fn print_warnings(warnings: &Diagnostics, lang: Lang) {
    if warnings.is_empty() {
        return;
    }
    eprintln!("{}", warnings.render_warnings(lang));
}

/// Print every problem and return exit code 1.
pub fn report(problems: &Diagnostics, lang: Lang) -> ExitCode {
    eprintln!("{}", problems.render(lang));
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
    }

    /// Every command and argument has its help in both catalogues.
    #[test]
    fn every_help_text_is_in_both_catalogues() {
        fn walk(cmd: &clap::Command, key: &str, missing: &mut Vec<String>) {
            let mut ids = vec![format!("{key}-about"), format!("{key}-usage")];
            for a in cmd.get_arguments() {
                let own = ["help", "version"].contains(&a.get_id().as_str());
                let inherited = a.is_global_set() && key != "cli";
                if !own && !inherited {
                    ids.push(format!("{key}-{}", a.get_id()));
                }
            }
            for id in ids {
                for lang in [Lang::Vi, Lang::En] {
                    if messages::lookup(lang, &id).is_none() {
                        missing.push(format!("{id} ({})", lang.code()));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                let sub_key = if key == "cli" {
                    format!("cli-{}", sub.get_name())
                } else {
                    format!("{key}-{}", sub.get_name())
                };
                walk(sub, &sub_key, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "cli", &mut missing);
        assert!(missing.is_empty(), "help texts missing: {missing:?}");
    }

    #[test]
    fn help_is_vietnamese_unless_asked() {
        let mut vi = command(Lang::Vi);
        let help = vi.render_help().to_string();
        assert!(help.contains("Cách dùng"), "{help}");
        assert!(!help.contains("Usage"), "{help}");
        let mut en = command(Lang::En);
        let help = en.render_help().to_string();
        assert!(help.contains("Usage"), "{help}");
        let args: Vec<std::ffi::OsString> = ["congxa", "build", "--lang=en"]
            .iter()
            .map(Into::into)
            .collect();
        assert_eq!(lang_in_args(&args).as_deref(), Some("en"));
    }
}
