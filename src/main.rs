//! `api`: the HTTP server, plus `migrate` and `seed` maintenance commands.

use std::process::ExitCode;

use ecommerce::{accounts, catalog, config::Settings, http, startup, telemetry};

const USAGE: &str = "usage: api [serve | migrate | seed [--products N]]";

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve(settings).await,
        Some("migrate") => startup::migrated_pool(&settings).await.map(|_| ()),
        Some("seed") => match parse_seed_args(&args[1..]) {
            Ok(products) => seed(settings, products).await,
            Err(message) => {
                eprintln!("{message}\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = http::Application::build(settings).await?;
    app.run_until(http::shutdown_signal()).await
}

/// Parses `seed` arguments: nothing, or `--products N`.
fn parse_seed_args(args: &[String]) -> Result<Option<u64>, String> {
    match args {
        [] => Ok(None),
        [flag, n] if flag == "--products" => n
            .parse()
            .map(Some)
            .map_err(|_| format!("--products needs a non-negative integer, got `{n}`")),
        _ => Err(format!("unexpected seed arguments {args:?}")),
    }
}

/// Sample data: the admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD` and a catalog; idempotent.
async fn seed(settings: Settings, products: Option<u64>) -> anyhow::Result<()> {
    let pool = startup::migrated_pool(&settings).await?;
    if let Some(admin) = &settings.admin {
        accounts::service::bootstrap_admin(&pool, admin).await?;
    }
    catalog::seed::run(&pool, products).await
}
