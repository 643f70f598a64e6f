//! `api seed`: an idempotent sample catalog, and a bulk loader for benchmarks.
//!
//! The sample catalog (8 categories, 40 products) uses `ON CONFLICT DO NOTHING`
//! queries, so running it twice adds nothing. The bulk loader streams generated
//! products through `COPY ... FROM STDIN`, then links them to categories and
//! refreshes planner statistics with set-based cornucopia queries.

use std::{fmt::Write as _, time::Instant};

use anyhow::Context;
use bytes::Bytes;
use codegen::queries::catalog::{categories as q_categories, products as q_products};
use futures::{SinkExt, pin_mut};
use rust_decimal::Decimal;

/// The one catalog statement kept in Rust, because cornucopia cannot express COPY.
///
/// `COPY ... FROM STDIN` streams data through the copy sub-protocol, which
/// cornucopia (prepared statements with row results) does not speak. Same
/// exception as `db::create_database_statement`.
pub const COPY_PRODUCTS_STATEMENT: &str =
    "COPY products (name, slug, description, price, stock, created_at) FROM STDIN";

/// Slug prefix of bulk-loaded products (the loader counts them to resume).
pub const BULK_PRODUCT_PREFIX: &str = "bulk-product-";
/// Slug prefix of the bulk categories.
pub const BULK_CATEGORY_PREFIX: &str = "bulk-category-";
/// Number of bulk categories; each bulk product is in one to three of them.
pub const BULK_CATEGORIES: usize = 200;
/// Bytes buffered before a chunk is sent to the server.
const CHUNK_BYTES: usize = 1 << 20;
/// Products linked to categories per statement (keeps progress visible).
const LINK_BATCH: i64 = 100_000;

/// (slug, name, description) of the sample categories.
const SAMPLE_CATEGORIES: [(&str, &str, &str); 8] = [
    ("electronics", "Electronics", "Phones, audio and gadgets."),
    ("books", "Books", "Fiction, non-fiction and reference."),
    (
        "home-kitchen",
        "Home & Kitchen",
        "Cookware, storage and decor.",
    ),
    ("clothing", "Clothing", "Everyday wear for all seasons."),
    (
        "sports-outdoors",
        "Sports & Outdoors",
        "Gear for training and the trail.",
    ),
    (
        "toys-games",
        "Toys & Games",
        "Board games, puzzles and toys.",
    ),
    ("beauty", "Beauty", "Skin care and grooming."),
    ("office", "Office", "Desk supplies and stationery."),
];

/// (name, price, stock, category slugs) of the sample products.
const SAMPLE_PRODUCTS: [(&str, &str, i32, &[&str]); 40] = [
    ("Wireless Earbuds", "59.99", 120, &["electronics"]),
    (
        "Noise-Cancelling Headphones",
        "199.00",
        35,
        &["electronics"],
    ),
    (
        "USB-C Charger 65W",
        "34.50",
        200,
        &["electronics", "office"],
    ),
    ("Smartphone Stand", "12.99", 0, &["electronics", "office"]),
    (
        "Bluetooth Speaker",
        "45.00",
        60,
        &["electronics", "sports-outdoors"],
    ),
    ("E-Reader", "129.99", 25, &["electronics", "books"]),
    ("The Pragmatic Programmer", "42.00", 15, &["books"]),
    (
        "A Field Guide to Birds",
        "24.95",
        8,
        &["books", "sports-outdoors"],
    ),
    ("Everyday Cookbook", "29.00", 40, &["books", "home-kitchen"]),
    ("Mystery Novel Box Set", "55.00", 0, &["books"]),
    (
        "Children's Picture Book",
        "9.99",
        75,
        &["books", "toys-games"],
    ),
    ("Cast Iron Skillet", "39.90", 50, &["home-kitchen"]),
    ("Chef's Knife", "79.00", 22, &["home-kitchen"]),
    ("French Press", "27.50", 64, &["home-kitchen"]),
    ("Glass Storage Set", "31.99", 0, &["home-kitchen"]),
    ("Linen Tea Towels", "14.00", 90, &["home-kitchen"]),
    ("Merino Wool Sweater", "89.00", 30, &["clothing"]),
    ("Organic Cotton T-Shirt", "19.99", 300, &["clothing"]),
    (
        "Rain Jacket",
        "119.00",
        18,
        &["clothing", "sports-outdoors"],
    ),
    (
        "Running Socks (3 pack)",
        "15.00",
        150,
        &["clothing", "sports-outdoors"],
    ),
    ("Denim Jeans", "64.00", 45, &["clothing"]),
    ("Wool Beanie", "22.00", 0, &["clothing"]),
    ("Yoga Mat", "35.00", 80, &["sports-outdoors"]),
    (
        "Trail Running Shoes",
        "129.00",
        26,
        &["sports-outdoors", "clothing"],
    ),
    (
        "Insulated Water Bottle",
        "24.00",
        140,
        &["sports-outdoors", "home-kitchen"],
    ),
    (
        "Camping Headlamp",
        "29.99",
        55,
        &["sports-outdoors", "electronics"],
    ),
    ("Adjustable Dumbbells", "249.00", 6, &["sports-outdoors"]),
    ("Strategy Board Game", "49.99", 33, &["toys-games"]),
    ("1000-Piece Puzzle", "18.50", 70, &["toys-games"]),
    ("Building Blocks Set", "59.00", 0, &["toys-games"]),
    ("Card Game for Families", "12.00", 95, &["toys-games"]),
    ("Plush Bear", "16.99", 110, &["toys-games"]),
    ("Daily Moisturiser", "21.00", 85, &["beauty"]),
    ("Vitamin C Serum", "32.00", 40, &["beauty"]),
    ("Safety Razor", "27.00", 0, &["beauty"]),
    ("Natural Soap Bar", "6.50", 250, &["beauty", "home-kitchen"]),
    ("Fountain Pen", "38.00", 20, &["office"]),
    ("Dot-Grid Notebook", "13.50", 180, &["office", "books"]),
    (
        "Desk Lamp",
        "44.00",
        28,
        &["office", "electronics", "home-kitchen"],
    ),
    ("Ergonomic Mouse", "49.00", 37, &["office", "electronics"]),
];

/// Creates the sample catalog; running it again adds nothing.
pub async fn seed_sample(client: &impl codegen::client::GenericClient) -> anyhow::Result<()> {
    for (slug, name, description) in SAMPLE_CATEGORIES {
        q_categories::insert_category_if_absent()
            .bind(client, &name, &slug, &description)
            .await
            .with_context(|| format!("seeding category {slug}"))?;
    }
    for (name, price, stock, categories) in SAMPLE_PRODUCTS {
        let slug = super::domain::slugify(name);
        let price: Decimal = price.parse().context("sample price")?;
        let description = format!("{name}: a sample product.");
        q_products::insert_product_if_absent()
            .bind(client, &name, &slug, &description, &price, &stock)
            .await
            .with_context(|| format!("seeding product {slug}"))?;
        q_products::link_product_by_slugs()
            .bind(client, &slug, &categories)
            .await
            .with_context(|| format!("linking product {slug}"))?;
    }
    Ok(())
}

/// How far a bulk load got, reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkProgress {
    /// Products streamed through COPY so far, of the total to copy.
    Copied(u64, u64),
    /// Product ids linked to categories so far, of the total to link.
    Linked(u64, u64),
}

const ADJECTIVES: [&str; 16] = [
    "Classic",
    "Compact",
    "Deluxe",
    "Eco",
    "Essential",
    "Handmade",
    "Heavy-Duty",
    "Lightweight",
    "Modern",
    "Portable",
    "Premium",
    "Rugged",
    "Sleek",
    "Smart",
    "Vintage",
    "Wireless",
];
const MATERIALS: [&str; 12] = [
    "Bamboo", "Canvas", "Ceramic", "Copper", "Cotton", "Glass", "Leather", "Linen", "Oak", "Steel",
    "Walnut", "Wool",
];
const NOUNS: [&str; 20] = [
    "Backpack",
    "Bottle",
    "Bowl",
    "Chair",
    "Clock",
    "Desk",
    "Headphones",
    "Jacket",
    "Kettle",
    "Lamp",
    "Mug",
    "Notebook",
    "Pan",
    "Pen",
    "Shelf",
    "Speaker",
    "Tent",
    "Towel",
    "Vase",
    "Watch",
];

/// A deterministic pseudo-random number for product `i` (SplitMix64).
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Appends bulk product `i` as one COPY text-format line.
fn write_bulk_row(buf: &mut String, i: u64) {
    let h = mix(i);
    let adjective = ADJECTIVES[(h % 16) as usize];
    let material = MATERIALS[((h >> 8) % 12) as usize];
    let noun = NOUNS[((h >> 16) % 20) as usize];
    let cents = 99 + (h >> 24) % 50_000;
    // Roughly one product in twelve is out of stock.
    let stock = if (h >> 40) % 12 == 0 {
        0
    } else {
        (h >> 44) % 500
    };
    // One product per second from 2020-01-01, so `newest` has a spread of dates.
    let created = 1_577_836_800 + i;
    let _ = writeln!(
        buf,
        "{adjective} {material} {noun}\t{BULK_PRODUCT_PREFIX}{i}\tA {} {} {} for everyday use.\t{}.{:02}\t{stock}\t{}",
        adjective.to_lowercase(),
        material.to_lowercase(),
        noun.to_lowercase(),
        cents / 100,
        cents % 100,
        chrono::DateTime::from_timestamp(created as i64, 0)
            .expect("in range")
            .format("%Y-%m-%d %H:%M:%S+00"),
    );
}

/// Makes sure `total` bulk products exist (loading only the missing ones), then vacuums and analyzes.
///
/// Deterministic: product `i` always has the same name, price, stock, date and
/// categories. Everything runs in one transaction, so an interrupted load leaves nothing.
pub async fn bulk_load_products(
    client: &mut tokio_postgres::Client,
    total: u64,
    mut progress: impl FnMut(BulkProgress),
) -> anyhow::Result<u64> {
    let tx = client.transaction().await?;
    for n in 1..=BULK_CATEGORIES {
        let slug = format!("{BULK_CATEGORY_PREFIX}{n:03}");
        let name = format!("Bulk Category {n:03}");
        let description = format!("Generated category {n} for load tests.");
        q_categories::insert_category_if_absent()
            .bind(&tx, &name, &slug, &description)
            .await?;
    }
    let category_ids = q_categories::list_category_ids_by_slug_prefix()
        .bind(&tx, &BULK_CATEGORY_PREFIX)
        .all()
        .await?;
    let existing = u64::try_from(
        q_products::count_products_with_slug_prefix()
            .bind(&tx, &BULK_PRODUCT_PREFIX)
            .one()
            .await?,
    )
    .unwrap_or(0);
    if existing >= total {
        tx.commit().await?;
        return Ok(0);
    }
    let to_copy = total - existing;
    let first_new_id = q_products::max_product_id().bind(&tx).one().await?;

    let sink = tx
        .copy_in::<_, Bytes>(COPY_PRODUCTS_STATEMENT)
        .await
        .context("starting COPY")?;
    pin_mut!(sink);
    let mut buf = String::with_capacity(CHUNK_BYTES + 512);
    let step = (to_copy / 100).max(1);
    for (done, i) in (existing..total).enumerate() {
        write_bulk_row(&mut buf, i);
        if buf.len() >= CHUNK_BYTES {
            sink.send(Bytes::from(std::mem::take(&mut buf))).await?;
            buf.reserve(CHUNK_BYTES + 512);
        }
        let done = done as u64 + 1;
        if done % step == 0 {
            progress(BulkProgress::Copied(done, to_copy));
        }
    }
    if !buf.is_empty() {
        sink.send(Bytes::from(buf)).await?;
    }
    let copied = sink.finish().await.context("finishing COPY")?;
    if to_copy % step != 0 {
        progress(BulkProgress::Copied(to_copy, to_copy));
    }

    let last_id = q_products::max_product_id().bind(&tx).one().await?;
    let span = (last_id - first_new_id).max(0) as u64;
    let mut from = first_new_id;
    while from < last_id {
        let to = (from + LINK_BATCH).min(last_id);
        q_products::link_bulk_products()
            .bind(&tx, &category_ids, &from, &to)
            .await?;
        progress(BulkProgress::Linked((to - first_new_id) as u64, span));
        from = to;
    }
    tx.commit().await.context("committing the bulk load")?;
    // The facet count triggers wrote a delta row per product and link; sum them now
    // rather than leaving facets reads to sum millions of rows until housekeeping runs.
    crate::catalog::service::compact_facet_counts(client).await?;
    codegen::queries::catalog::facet_counts::rewrite_facet_deltas()
        .bind(client)
        .await?;
    q_products::vacuum_catalog().bind(client).await?;
    Ok(copied)
}

/// Prints bulk-load progress on one rewritten stderr line (`seed: copying products:  42% (...)`).
pub fn print_progress(label: &str, done: u64, of: u64) {
    let pct = (done * 100).checked_div(of).unwrap_or(100);
    eprint!("\rseed: {label}: {pct:3}% ({done}/{of})   ");
    if done == of {
        eprintln!();
    }
}

/// `api seed [--products N]`: the sample catalog, plus `N` bulk products if asked.
pub async fn run(pool: &crate::db::Pool, products: Option<u64>) -> anyhow::Result<()> {
    let mut client = pool.get().await.context("connecting to seed")?;
    seed_sample(&client).await?;
    eprintln!("seed: sample catalog present (8 categories, 40 products)");
    if let Some(total) = products {
        let started = Instant::now();
        let copied = bulk_load_products(&mut client, total, |p| match p {
            BulkProgress::Copied(done, of) => print_progress("copying products", done, of),
            BulkProgress::Linked(done, of) => print_progress("linking categories", done, of),
        })
        .await?;
        eprintln!(
            "seed: {copied} bulk products loaded ({total} requested) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
