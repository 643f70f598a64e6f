//! `api`: the HTTP server, plus `migrate` and `seed` maintenance commands.

use std::process::ExitCode;

use std::time::Instant;

use anyhow::Context;
use ecommerce::{
    accounts, app, catalog,
    config::{self, Settings},
    http, orders, startup, telemetry,
};

const USAGE: &str = "usage: api [serve | migrate | seed [--products N] [--users N] [--orders N]]";

#[tokio::main]
async fn main() -> ExitCode {
    // `.env` first: it may hold RUST_LOG and LOG_FORMAT.
    config::load_dotenv();
    let _telemetry = telemetry::init("api");
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
            Ok(sizes) => seed(settings, sizes).await,
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
    let app = app::Application::build(settings).await?;
    app.run_until(http::shutdown_signal()).await
}

/// Bulk data sizes asked of `seed`; `None` loads nothing of that kind.
#[derive(Debug, Default, PartialEq, Eq)]
struct SeedSizes {
    products: Option<u64>,
    users: Option<u64>,
    orders: Option<u64>,
}

/// Parses `seed` arguments: any of `--products N`, `--users N`, `--orders N`.
fn parse_seed_args(args: &[String]) -> Result<SeedSizes, String> {
    let mut sizes = SeedSizes::default();
    let mut rest = args;
    while let [flag, n, tail @ ..] = rest {
        let slot = match flag.as_str() {
            "--products" => &mut sizes.products,
            "--users" => &mut sizes.users,
            "--orders" => &mut sizes.orders,
            _ => return Err(format!("unexpected seed argument `{flag}`")),
        };
        *slot = Some(
            n.parse()
                .map_err(|_| format!("{flag} needs a non-negative integer, got `{n}`"))?,
        );
        rest = tail;
    }
    if rest.is_empty() {
        Ok(sizes)
    } else {
        Err(format!("unexpected seed arguments {args:?}"))
    }
}

/// Sample data: the admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD`, a catalog, and bulk data if asked; idempotent.
async fn seed(settings: Settings, sizes: SeedSizes) -> anyhow::Result<()> {
    let pool = startup::migrated_pool(&settings).await?;
    if let Some(admin) = &settings.admin {
        accounts::service::bootstrap_admin(&pool, admin).await?;
    }
    catalog::seed::run(&pool, sizes.products).await?;
    let mut client = pool.get().await.context("connecting to seed")?;
    if let Some(total) = sizes.users {
        let started = Instant::now();
        let copied = accounts::seed::bulk_load_users(&mut client, total, |done, of| {
            catalog::seed::print_progress("copying users", done, of)
        })
        .await?;
        eprintln!(
            "seed: {copied} bulk users loaded ({total} requested) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    if let Some(total) = sizes.orders {
        let started = Instant::now();
        let copied = orders::seed::bulk_load_orders(&mut client, total, |p| match p {
            orders::seed::BulkOrderProgress::Copied(done, of) => {
                catalog::seed::print_progress("copying orders", done, of)
            }
            orders::seed::BulkOrderProgress::Filled(done, of) => {
                catalog::seed::print_progress("adding order items", done, of)
            }
        })
        .await?;
        eprintln!(
            "seed: {copied} bulk orders loaded ({total} requested) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    // The seed writes products behind the services' backs; a running api must
    // not keep serving catalog pages cached before it.
    match startup::redis_connection(&settings.redis).await {
        Ok(redis) => {
            startup::catalog_cache(&settings, redis, Default::default())
                .invalidate()
                .await
        }
        Err(e) => eprintln!("seed: catalog cache not invalidated ({e:#}); it expires by itself"),
    }
    Ok(())
}
