/** Products: the filtered, sorted, keyset-paged list, and the create/edit form. */
import type { Category, Product, ProductSort } from "@ecommerce/sdk";
import { collect, paginate, unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field, Link, Notice, formatTime, useLoad } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { CURRENCY, formatMoney, normaliseAmount } from "../lib/money.ts";
import { navigate, queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";
import { OrderTable } from "./orders.tsx";

const SORTS: readonly [ProductSort, string][] = [
  ["newest", "Newest first"],
  ["oldest", "Oldest first"],
  ["price", "Price, low to high"],
  ["-price", "Price, high to low"],
  ["name", "Name, A to Z"],
  ["-name", "Name, Z to A"],
];

const PAGE_SIZE = 20;

/** Every category, for filters and the multi-select. */
export function allCategories(): Promise<Category[]> {
  return collect(
    paginate((cursor) => shop.api.GET("/api/v1/categories", { params: { query: { limit: 100, cursor } } })),
  );
}

function param(query: URLSearchParams, key: string): string {
  return query.get(key) ?? "";
}

export function Products(props: { query: URLSearchParams }): JSX.Element {
  const { query } = props;
  const filters = {
    q: param(query, "q"),
    category: param(query, "category"),
    min_price: param(query, "min_price"),
    max_price: param(query, "max_price"),
    in_stock: param(query, "in_stock"),
    sort: param(query, "sort") || "newest",
  };
  const cursor = param(query, "cursor");
  const key = query.toString();
  const categories = useLoad(allCategories, []);
  const page = useLoad(
    () =>
      unwrap(
        shop.api.GET("/api/v1/products", {
          params: {
            query: {
              q: filters.q || undefined,
              category: filters.category === "" ? undefined : [Number(filters.category)],
              min_price: filters.min_price || undefined,
              max_price: filters.max_price || undefined,
              in_stock: filters.in_stock === "true" ? true : undefined,
              sort: filters.sort as ProductSort,
              limit: PAGE_SIZE,
              cursor: cursor || undefined,
            },
          },
        }),
      ),
    [key],
  );
  const [form, setForm] = useState(filters);
  const [formKey, setFormKey] = useState(key);
  if (formKey !== key) {
    setFormKey(key);
    setForm(filters);
  }
  const set = (name: keyof typeof form) => (event: { currentTarget: { value: string } }) => {
    setForm({ ...form, [name]: event.currentTarget.value });
  };
  const fieldError = page.error;

  return (
    <section>
      <div class="heading">
        <h1>Products</h1>
        <Link to="/products/new">New product</Link>
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/products${queryString({ ...form, sort: form.sort === "newest" ? "" : form.sort })}`);
        }}
      >
        <Field label="Search" name="q" error={fieldError}>
          {(attrs) => <input {...attrs} type="search" value={form.q} onInput={set("q")} />}
        </Field>
        <Field label="Category" name="category" error={fieldError}>
          {(attrs) => (
            <select {...attrs} value={form.category} onChange={set("category")}>
              <option value="">All categories</option>
              {(categories.data ?? []).map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`Min price (${CURRENCY})`} name="min_price" error={fieldError}>
          {(attrs) => <input {...attrs} inputMode="decimal" size={8} value={form.min_price} onInput={set("min_price")} />}
        </Field>
        <Field label={`Max price (${CURRENCY})`} name="max_price" error={fieldError}>
          {(attrs) => <input {...attrs} inputMode="decimal" size={8} value={form.max_price} onInput={set("max_price")} />}
        </Field>
        <Field label="Sort" name="sort" error={fieldError}>
          {(attrs) => (
            <select {...attrs} value={form.sort} onChange={set("sort")}>
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="field checkbox">
          <input
            id="field-in_stock"
            type="checkbox"
            checked={form.in_stock === "true"}
            onChange={(e) => {
              setForm({ ...form, in_stock: e.currentTarget.checked ? "true" : "" });
            }}
          />
          <label for="field-in_stock">In stock only</label>
        </div>
        <button type="submit">Apply filters</button>
      </form>
      <Banner error={page.error} />
      {page.data !== null && (
        <>
          <table>
            <caption class="visually-hidden">Products</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" class="num">
                  Price
                </th>
                <th scope="col" class="num">
                  Stock
                </th>
                <th scope="col">Categories</th>
                <th scope="col">Active</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td class="num">{formatMoney(p.price)}</td>
                  <td class="num">{p.stock}</td>
                  <td>{p.categories.map((c) => c.name).join(", ")}</td>
                  <td>{p.is_active ? "Yes" : "No"}</td>
                  <td>{formatTime(p.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.data.items.length === 0 && <p>No products match.</p>}
          <nav class="pager" aria-label="Pages">
            {cursor !== "" && <Link to={`/products${queryString({ ...filters, cursor: "" })}`}>First page</Link>}
            {typeof page.data.next_cursor === "string" && (
              <Link to={`/products${queryString({ ...filters, cursor: page.data.next_cursor })}`}>Next</Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

interface Draft {
  name: string;
  description: string;
  price: string;
  stock: string;
  category_ids: number[];
  is_active: boolean;
}

const EMPTY: Draft = { name: "", description: "", price: "", stock: "0", category_ids: [], is_active: true };
const FIELDS = ["name", "description", "price", "stock", "category_ids", "is_active"];

function draftOf(p: Product): Draft {
  return {
    name: p.name,
    description: p.description,
    price: p.price,
    stock: String(p.stock),
    category_ids: p.categories.map((c) => c.id),
    is_active: p.is_active,
  };
}

export function ProductEdit(props: { id: number | null }): JSX.Element {
  const { id } = props;
  const categories = useLoad(allCategories, []);
  const product = useLoad(
    () =>
      id === null
        ? Promise.resolve(null)
        : unwrap(shop.api.GET("/api/v1/products/{id}", { params: { path: { id } } })),
    [id],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (product.loading) {
    return <p class="loading">Loading…</p>;
  }
  if (product.error !== null) {
    return <Banner error={product.error} />;
  }
  const current = draft ?? (product.data === null ? EMPTY : draftOf(product.data));
  const change = (patch: Partial<Draft>): void => {
    setDraft({ ...current, ...patch });
    setSaved(null);
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    const price = normaliseAmount(current.price);
    if (price === null) {
      setError({ field: "price", message: "must be an amount with at most two decimals, e.g. 19.90" });
      return;
    }
    const body = {
      name: current.name,
      description: current.description,
      price,
      stock: Number(current.stock),
      category_ids: current.category_ids,
      is_active: current.is_active,
    };
    try {
      if (id === null) {
        const created = await unwrap(shop.api.POST("/api/v1/products", { body }));
        navigate(`/products/${created.id}`, true);
      } else {
        const updated = await unwrap(
          shop.api.PATCH("/api/v1/products/{id}", { params: { path: { id } }, body }),
        );
        setDraft(draftOf(updated));
        setSaved("Saved.");
      }
    } catch (e) {
      setError(showError(e, FIELDS, { slug: "name" }));
    }
  };

  const remove = async (): Promise<void> => {
    if (id === null) {
      return;
    }
    try {
      await unwrap(shop.api.DELETE("/api/v1/products/{id}", { params: { path: { id } } }));
      setConfirming(false);
      setDraft({ ...current, is_active: false });
      setSaved("Deleted: the product is hidden from the catalog (tick Active and save to list it again).");
    } catch (e) {
      setError(showError(e));
    }
  };

  return (
    <section>
      <p>
        <Link to="/products">Back to products</Link>
      </p>
      <h1>{id === null ? "New product" : `Product ${id}: ${product.data?.name ?? ""}`}</h1>
      <Notice text={saved} />
      <Banner error={error} />
      <form class="form" onSubmit={(e) => void save(e)}>
        <Field label="Name" name="name" error={error}>
          {(attrs) => (
            <input {...attrs} required maxLength={200} value={current.name} onInput={(e) => { change({ name: e.currentTarget.value }); }} />
          )}
        </Field>
        <Field label="Description" name="description" error={error}>
          {(attrs) => (
            <textarea {...attrs} rows={4} value={current.description} onInput={(e) => { change({ description: e.currentTarget.value }); }} />
          )}
        </Field>
        <Field label={`Price (${CURRENCY})`} name="price" error={error}>
          {(attrs) => (
            <input {...attrs} required inputMode="decimal" value={current.price} onInput={(e) => { change({ price: e.currentTarget.value }); }} />
          )}
        </Field>
        <Field label="Stock" name="stock" error={error}>
          {(attrs) => (
            <input {...attrs} required type="number" min={0} step={1} value={current.stock} onInput={(e) => { change({ stock: e.currentTarget.value }); }} />
          )}
        </Field>
        <Field label="Categories" name="category_ids" error={error}>
          {(attrs) => (
            <select
              {...attrs}
              multiple
              size={Math.min(8, Math.max(3, categories.data?.length ?? 3))}
              onChange={(e) => {
                change({
                  category_ids: Array.from(e.currentTarget.selectedOptions, (o) => Number(o.value)),
                });
              }}
            >
              {(categories.data ?? []).map((c) => (
                <option key={c.id} value={String(c.id)} selected={current.category_ids.includes(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="field checkbox">
          <input
            id="field-is_active"
            type="checkbox"
            checked={current.is_active}
            onChange={(e) => {
              change({ is_active: e.currentTarget.checked });
            }}
          />
          <label for="field-is_active">Active (listed in the catalog)</label>
        </div>
        <div class="actions">
          <button type="submit">Save</button>
          {id !== null && !confirming && (
            <button type="button" class="danger" onClick={() => { setConfirming(true); }}>
              Delete
            </button>
          )}
          {confirming && (
            <>
              <span>Hide this product from the catalog?</span>
              <button type="button" class="danger" onClick={() => void remove()}>
                Confirm delete
              </button>
              <button type="button" class="secondary" onClick={() => { setConfirming(false); }}>
                Keep it
              </button>
            </>
          )}
        </div>
      </form>
      {id !== null && <ProductOrders id={id} />}
      {product.data !== null && (
        <p class="meta">
          Slug {product.data.slug} · created {formatTime(product.data.created_at)} · updated{" "}
          {formatTime(product.data.updated_at)}
        </p>
      )}
    </section>
  );
}

/** The latest orders that contain product `id`. */
function ProductOrders(props: { id: number }): JSX.Element {
  const { id } = props;
  const orders = useLoad(
    () => unwrap(shop.api.GET("/api/v1/orders", { params: { query: { product_id: id, limit: 10 } } })),
    [id],
  );
  return (
    <>
      <h2>In orders</h2>
      <Banner error={orders.error} />
      {orders.data !== null &&
        (orders.data.items.length === 0 ? (
          <p>No order contains this product.</p>
        ) : (
          <>
            <OrderTable orders={orders.data.items} />
            {typeof orders.data.next_cursor === "string" && (
              <p>
                <Link to={`/orders${queryString({ product_id: String(id) })}`}>All orders with this product</Link>
              </p>
            )}
          </>
        ))}
    </>
  );
}
