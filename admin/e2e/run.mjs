// End-to-end run of the admin console in headless Chromium (Debian's package,
// driven by playwright-core) against a running api + worker with sample data.
//
// Env: API_URL, ADMIN_EMAIL, ADMIN_PASSWORD (scripts/lib/sample-api.sh),
// CHAPA_STUB_PORT (where to answer Chapa's API), CHROMIUM (the browser).
// Screens are driven by role and label, as a person with a screen reader would.
// Screenshots of the main screens go to docs/admin/*.png; a failing step
// leaves one in admin/e2e/results/.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { startChapaStub } from "./chapa-stub.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "..", "..", "docs", "admin");
const results = join(here, "results");
const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set (run through scripts/admin test)`);
  }
  return value;
};
const api = env("API_URL");
const admin = { login: env("ADMIN_EMAIL"), password: env("ADMIN_PASSWORD") };
const unique = Date.now().toString(36);
const TIMEOUT = 10_000;

// ---------------------------------------------------------------- API set-up
async function call(method, path, { token, body, expect = [200, 201, 204] } = {}) {
  const headers = { "content-type": "application/json" };
  if (token !== undefined) {
    headers.authorization = `Bearer ${token}`;
  }
  if (method === "POST") {
    headers["idempotency-key"] = `e2e-${unique}-${Math.random().toString(36).slice(2)}`;
  }
  const response = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!expect.includes(response.status)) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  }
  return text === "" ? null : JSON.parse(text);
}

/** A customer with a paid order, placed and paid through the API. */
async function paidOrder() {
  const customer = { email: `buyer-${unique}@e2e.local`, username: `buyer_${unique}`, password: "buyer-password-123" };
  const registered = await call("POST", "/api/v1/auth/register", { body: customer });
  const { access_token: token } = await call("POST", "/api/v1/auth/login", {
    body: { login: customer.email, password: customer.password },
  });
  const products = await call("GET", "/api/v1/products?in_stock=true&sort=price&limit=2");
  const items = products.items.map((p) => ({ product_id: p.id, quantity: 1 }));
  const order = await call("POST", "/api/v1/orders", { token, body: { shipping_address: "Bole Road 12, Addis Ababa", items } });
  const payment = await call("POST", "/api/v1/payments", { token, body: { order_id: order.id } });
  // Chapa sends the buyer back through the callback; the api verifies with the stub.
  await call("GET", `/api/v1/payments/callback?trx_ref=${encodeURIComponent(payment.tx_ref)}`);
  for (let i = 0; i < 50; i++) {
    const current = await call("GET", `/api/v1/orders/${order.id}`, { token });
    if (current.status === "paid") {
      return { customer: { ...customer, id: registered.id }, order: current, token };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${order.id} was not paid`);
}

// ---------------------------------------------------------------- steps
let failures = 0;
let page;
async function step(name, run) {
  const t0 = Date.now();
  try {
    await run();
    console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failures++;
    console.log(`  FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    mkdirSync(results, { recursive: true });
    const file = join(results, `${name.replace(/\W+/g, "-")}.png`);
    await page?.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`       screenshot: ${file}`);
    throw error;
  }
}
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
const check = (condition, message) => {
  if (!condition) {
    throw new Error(message);
  }
};
/**
 * Waits until `probe` answers true. A list reloads after the action that changed it, so a
 * check made at once can see the old rows (CI did); this polls instead of counting at once.
 */
async function eventually(probe, message) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const result = await probe();
    if (result === true) {
      return;
    }
    if (Date.now() > end) {
      throw new Error(typeof message === "function" ? message(result) : message);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const rows = (table) => page.getByRole("table", { name: table }).locator("tbody tr");
/** Fails on scripts the CSP blocks and on uncaught errors in the page. */
function watch(p) {
  p.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      console.log(`  CSP violation: ${message.text()}`);
      failures++;
    }
  });
  p.on("pageerror", (error) => {
    console.log(`  page error: ${error.message}`);
    failures++;
  });
}
async function signIn(p, login, password) {
  await p.getByLabel("Email or username").fill(login);
  await p.getByLabel("Password").fill(password);
  await p.getByRole("button", { name: "Sign in" }).click();
}

// ---------------------------------------------------------------- run
const stub = await startChapaStub(Number(env("CHAPA_STUB_PORT")));
const browser = await chromium.launch({ executablePath: env("CHROMIUM"), args: ["--no-sandbox"] });
mkdirSync(shots, { recursive: true });
const started = Date.now();
try {
  const setup = await paidOrder();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", timezoneId: "UTC" });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  watch(page);
  const category = `E2E Lamps ${unique}`;
  const product = `E2E Desk Lamp ${unique}`;
  let productId;

  await step("admin signs in", async () => {
    const response = await page.goto(`${api}/admin/`);
    check(response?.headers()["content-security-policy"]?.includes("default-src 'self'"), "no CSP on /admin");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await shot("sign-in");
    await signIn(page, admin.login, admin.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).waitFor();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.getByRole("link", { name: `Order ${setup.order.id}`, exact: true }).first().waitFor();
    await page.getByText("Active products").waitFor();
    const paid = page.getByRole("table", { name: "Orders by status" }).getByRole("row", { name: /^paid/ });
    check(Number((await paid.innerText()).split("\t")[1]) >= 1, "no paid order on the dashboard");
    await shot("dashboard");
  });

  await step("admin creates a category", async () => {
    await page.getByRole("link", { name: "Categories" }).click();
    await page.getByLabel("Name", { exact: true }).fill(category);
    await page.getByLabel("Description").fill("Lamps for desks and bedsides");
    await page.getByRole("button", { name: "Create category" }).click();
    await page.getByRole("status").filter({ hasText: `Created category ${category}` }).waitFor();
  });

  await step("a duplicate category name shows the API's message next to the field", async () => {
    await page.getByLabel("Name", { exact: true }).fill(category);
    await page.getByRole("button", { name: "Create category" }).click();
    const message = page.getByRole("alert").filter({ hasText: /already (exists|taken)/ });
    await message.waitFor();
    check((await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")) === "true", "name not marked invalid");
    await shot("categories");
  });

  await step("an expired session asks to sign in again and keeps what was typed", async () => {
    // Revoke this tab's session behind its back, as an expiry or a sign-out elsewhere would.
    const tokens = JSON.parse(await page.evaluate(() => sessionStorage.getItem("shop-admin-tokens") ?? "null"));
    await call("POST", "/api/v1/auth/logout", { token: tokens.accessToken, body: { refresh_token: tokens.refreshToken } });
    const typed = `E2E Shades ${unique}`;
    await page.getByLabel("Name", { exact: true }).fill(typed);
    await page.getByRole("button", { name: "Create category" }).click();
    await page.getByText("Your session has expired").waitFor();
    await signIn(page, admin.login, admin.password);
    await page.getByRole("button", { name: "Create category" }).waitFor();
    check((await page.getByLabel("Name", { exact: true }).inputValue()) === typed, "the typed name was lost");
    await page.getByRole("button", { name: "Create category" }).click();
    await page.getByRole("status").filter({ hasText: `Created category ${typed}` }).waitFor();
  });

  await step("admin creates a product in the category", async () => {
    await page.getByRole("link", { name: "Products" }).click();
    await page.getByRole("link", { name: "New product" }).click();
    await page.getByLabel("Name").fill(product);
    await page.getByLabel("Description").fill("A warm light with a heavy base.");
    await page.getByLabel("Price (ETB)").fill("12.5");
    await page.getByLabel("Stock").fill("7");
    await page.getByLabel("Categories").selectOption({ label: category });
    await page.getByRole("button", { name: "Save" }).click();
    const heading = page.getByRole("heading", { name: new RegExp(`^Product \\d+: ${product}$`) });
    await heading.waitFor();
    productId = Number(/Product (\d+)/.exec(await heading.innerText())?.[1]);
    check(Number.isInteger(productId), "no product id in the heading");
    check((await page.getByLabel("Price (ETB)").inputValue()) === "12.50", "price not shown with two decimals");
  });

  await step("admin finds it by search", async () => {
    await page.getByRole("link", { name: "Back to products" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill(product);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/[?&]q=/);
    await page.getByRole("link", { name: product }).waitFor();
    await eventually(async () => (await rows("Products").count()) === 1 || (await rows("Products").count()), (n) => `search found ${n} rows, not just the new product`);
    check((await rows("Products").first().innerText()).includes("12.50 ETB"), "price missing from the row");
    check((await rows("Products").first().innerText()).includes(category), "category missing from the row");
  });

  await step("admin edits its price", async () => {
    await page.getByRole("link", { name: product }).click();
    await page.getByLabel("Price (ETB)").fill("15.75");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await shot("product-edit");
    await page.goBack();
    await page.getByRole("link", { name: product }).waitFor();
    await page.getByRole("cell", { name: "15.75 ETB" }).waitFor();
    const stored = await call("GET", `/api/v1/products/${productId}`);
    check(stored.price === "15.75", `the API has ${stored.price}`);
  });

  await step("deleting a category shows how many products are in it first", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Categories" }).click();
    await page.getByRole("button", { name: `Delete ${category}` }).click();
    await page.getByText("1 product is in this category").waitFor();
    await page.getByRole("button", { name: "Keep it" }).click();
    const shades = `E2E Shades ${unique}`;
    await page.getByRole("button", { name: `Delete ${shades}` }).click();
    await page.getByText("0 products are in this category").waitFor();
    await page.getByRole("button", { name: "Confirm delete" }).click();
    await page.getByRole("status").filter({ hasText: `Deleted category ${shades}` }).waitFor();
    // The notice comes before the list's reload answers: wait for the row to go rather than
    // counting at once (CI caught the old row still on screen under load).
    await eventually(
      async () => (await page.getByRole("link", { name: shades, exact: true }).count()) === 0,
      "the deleted category is still listed",
    );
  });

  await step("admin pages through products with Next", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).click();
    await page.getByLabel("Sort").selectOption({ label: "Name, A to Z" });
    await page.getByRole("searchbox", { name: "Search" }).fill("");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/sort=name/);
    await page.getByRole("link", { name: "Next" }).waitFor();
    // Wait for the reloaded page: 20 rows in name order.
    const names = async () => (await rows("Products").locator("td:first-child").allInnerTexts());
    await eventually(async () => {
      const n = await names();
      return (n.length === 20 && n.every((name, i) => i === 0 || n[i - 1].localeCompare(name) <= 0)) || n.length;
    }, (n) => `page 1 has ${n} rows, not 20 in name order`);
    const first = await rows("Products").allInnerTexts();
    await shot("products");
    await page.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/cursor=/);
    await page.getByRole("link", { name: "First page" }).waitFor();
    await eventually(async () => {
      const second = await rows("Products").allInnerTexts();
      return (second.length > 0 && second.every((row) => !first.includes(row))) || second.length;
    }, (n) => `page 2 has ${n} rows or repeats page 1`);
  });

  await step("admin moves an order placed through the API along its statuses", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.getByLabel("Customer (user id)").fill(String(setup.customer.id));
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("link", { name: `Order ${setup.order.id}`, exact: true }).click();
    await page.getByRole("heading", { name: `Order ${setup.order.id}` }).waitFor();
    await page.getByRole("heading", { name: "Payments" }).waitFor();
    await page.getByRole("cell", { name: "completed", exact: true }).waitFor();
    // Only the allowed next step is offered.
    check((await page.getByRole("button", { name: "Cancel order" }).count()) === 0, "a paid order offers Cancel");
    for (const [button, status] of [["Start processing", "processing"], ["Mark shipped", "shipped"], ["Mark delivered", "delivered"]]) {
      await page.getByRole("button", { name: button }).click();
      await page.getByRole("status").filter({ hasText: `is now ${status}` }).waitFor();
    }
    await page.getByText("No further status changes are possible for a delivered order.").waitFor();
    await page.getByRole("cell", { name: "paid → processing" }).waitFor();
    await shot("order-detail");
    // The product page lists the orders that contain it.
    await page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Unit price" }) }).getByRole("link").first().click();
    await page.getByRole("heading", { name: "In orders" }).waitFor();
    await page.getByRole("link", { name: `Order ${setup.order.id}`, exact: true }).waitFor();
    const stored = await call("GET", `/api/v1/orders/${setup.order.id}`, { token: setup.token });
    check(stored.status === "delivered", `the API has ${stored.status}`);
  });

  await step("payments and users screens list what the API has", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
    await page.getByLabel("Status").selectOption("completed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/status=completed/);
    await page.getByRole("link", { name: `Order ${setup.order.id}` }).first().waitFor();
    const statuses = () => page.getByRole("table", { name: "Payments" }).locator("tbody tr td:nth-child(3)").allInnerTexts();
    await eventually(async () => {
      const s = await statuses();
      return (s.length > 0 && s.every((status) => status === "completed")) || s.join(", ");
    }, (s) => `statuses ${s}`);
    await shot("payments");
    // A partial refund of the order's payment.
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: `Order ${setup.order.id}`, exact: true }) })
      .getByRole("link", { name: /^Payment \d+$/ })
      .click();
    await page.getByLabel(/^Amount/).fill("1");
    await page.getByLabel("Reason").fill("a scratch on the lamp");
    await page.getByRole("button", { name: "Refund" }).click();
    await page.getByRole("status").filter({ hasText: "Refund of 1.00 ETB" }).waitFor();
    await page.getByRole("cell", { name: "a scratch on the lamp" }).waitFor();
    await shot("payment-detail");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("searchbox", { name: "Email or username" }).fill(setup.customer.username.slice(2).toUpperCase());
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("cell", { name: setup.customer.email }).waitFor();
    check(!(await page.content()).includes("argon2"), "a password hash is on the page");
    await shot("users");
    // Demoting the only admin: the API refuses, and its message is shown.
    await page.getByRole("searchbox", { name: "Email or username" }).fill(admin.login);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const row = page.getByRole("row").filter({ hasText: admin.login });
    await row.waitFor();
    await row.getByLabel(/^Role of /).selectOption("user");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("alert").waitFor();
    check((await row.getByRole("alert").innerText()).length > 0, "no message for the last admin");
  });

  await step("a non-admin sees Not authorised and nothing else", async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    other.setDefaultTimeout(TIMEOUT);
    const p = await other.newPage();
    watch(p);
    await p.goto(`${api}/admin/products`);
    await signIn(p, setup.customer.username, setup.customer.password);
    await p.getByRole("heading", { name: "Not authorised" }).waitFor();
    check((await p.getByRole("link", { name: "Products" }).count()) === 0, "a non-admin sees the navigation");
    check((await p.getByRole("table").count()) === 0, "a non-admin sees a table");
    await p.screenshot({ path: join(shots, "not-authorised.png") });
    await other.close();
  });
} catch {
  // The failing step reported itself.
} finally {
  await browser.close();
  stub.close();
}
console.log(`admin e2e: ${failures === 0 ? "passed" : `${failures} failure(s)`} in ${Date.now() - started} ms`);
process.exit(failures === 0 ? 0 : 1);
