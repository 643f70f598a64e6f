/** Categories: search, create, rename, delete (saying how many products are in it first). */
import type { Category } from "@ecommerce/sdk";
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field, Link, Notice, useLoad } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { navigate, queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";

/** How many active products are in category `id` (the category's detail counts them). */
async function productCount(id: number): Promise<number> {
  const detail = await unwrap(shop.api.GET("/api/v1/categories/{id}", { params: { path: { id } } }));
  return detail.product_count;
}

export function Categories(props: { query: URLSearchParams }): JSX.Element {
  const q = props.query.get("q") ?? "";
  const cursor = props.query.get("cursor") ?? "";
  const list = useLoad(
    () =>
      unwrap(
        shop.api.GET("/api/v1/categories", {
          params: { query: { q: q || undefined, cursor: cursor || undefined, limit: 50 } },
        }),
      ),
    [q, cursor],
  );
  const [search, setSearch] = useState(q);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const create = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const created = await unwrap(shop.api.POST("/api/v1/categories", { body: { name, description } }));
      setName("");
      setDescription("");
      setNotice(`Created category ${created.name}.`);
      list.reload();
    } catch (e) {
      setError(showError(e, ["name", "description"], { slug: "name" }));
    }
  };

  return (
    <section>
      <h1>Categories</h1>
      <div class="split">
        <div>
          <form
            class="filters"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(`/categories${queryString({ q: search })}`);
            }}
          >
            <Field label="Search categories" name="q" error={list.error}>
              {(attrs) => (
                <input {...attrs} type="search" value={search} onInput={(e) => { setSearch(e.currentTarget.value); }} />
              )}
            </Field>
            <button type="submit">Search</button>
          </form>
          <Banner error={list.error} />
          <Notice text={notice} />
          {list.data !== null && (
            <>
              <table>
                <caption class="visually-hidden">Categories</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Slug</th>
                    <th scope="col">Description</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((c) => (
                    <CategoryRow
                      key={c.id}
                      category={c}
                      onChanged={(text) => {
                        setNotice(text);
                        list.reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
              {typeof list.data.next_cursor === "string" && (
                <nav class="pager" aria-label="Pages">
                  <Link to={`/categories${queryString({ q, cursor: list.data.next_cursor })}`}>Next</Link>
                </nav>
              )}
            </>
          )}
        </div>
        <form class="form card" onSubmit={(e) => void create(e)} aria-labelledby="new-category">
          <h2 id="new-category">New category</h2>
          <Banner error={error} />
          <Field label="Name" name="name" error={error}>
            {(attrs) => (
              <input {...attrs} required maxLength={100} value={name} onInput={(e) => { setName(e.currentTarget.value); }} />
            )}
          </Field>
          <Field label="Description" name="description" error={error}>
            {(attrs) => (
              <textarea {...attrs} rows={3} value={description} onInput={(e) => { setDescription(e.currentTarget.value); }} />
            )}
          </Field>
          <button type="submit">Create category</button>
        </form>
      </div>
    </section>
  );
}

function CategoryRow(props: { category: Category; onChanged: (notice: string) => void }): JSX.Element {
  const c = props.category;
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [name, setName] = useState(c.name);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const fieldName = `name-${c.id}`;

  const rename = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await unwrap(shop.api.PATCH("/api/v1/categories/{id}", { params: { path: { id: c.id } }, body: { name } }));
      setMode("view");
      props.onChanged(`Renamed ${c.name} to ${name}.`);
    } catch (e) {
      const shown = showError(e, ["name"], { slug: "name" });
      setError(shown.field === "name" ? { ...shown, field: fieldName } : shown);
    }
  };

  const askDelete = async (): Promise<void> => {
    setError(null);
    setMode("delete");
    setCount(null);
    try {
      setCount(await productCount(c.id));
    } catch (e) {
      setError(showError(e));
    }
  };

  const remove = async (): Promise<void> => {
    try {
      await unwrap(shop.api.DELETE("/api/v1/categories/{id}", { params: { path: { id: c.id } } }));
      props.onChanged(`Deleted category ${c.name}.`);
    } catch (e) {
      setError(showError(e));
    }
  };

  return (
    <tr>
      <td>
        {mode === "rename" ? (
          <form class="inline" onSubmit={(e) => void rename(e)}>
            <Field label={`New name for ${c.name}`} name={fieldName} error={error}>
              {(attrs) => (
                <input {...attrs} required maxLength={100} value={name} onInput={(e) => { setName(e.currentTarget.value); }} />
              )}
            </Field>
            <button type="submit">Save</button>
            <button type="button" class="secondary" onClick={() => { setMode("view"); }}>
              Cancel
            </button>
          </form>
        ) : (
          <Link to={`/products${queryString({ category: String(c.id) })}`}>{c.name}</Link>
        )}
      </td>
      <td>{c.slug}</td>
      <td>{c.description}</td>
      <td class="row-actions">
        <Banner error={error} />
        {mode === "view" && (
          <>
            <button type="button" class="secondary" aria-label={`Rename ${c.name}`} onClick={() => { setMode("rename"); }}>
              Rename
            </button>
            <button type="button" class="danger" aria-label={`Delete ${c.name}`} onClick={() => void askDelete()}>
              Delete
            </button>
          </>
        )}
        {mode === "delete" && (
          <span role="group" aria-label={`Delete ${c.name}?`}>
            {count === null
              ? "Counting products…"
              : `${count} ${count === 1 ? "product is" : "products are"} in this category; they stay, without it. `}
            <button type="button" class="danger" disabled={count === null} onClick={() => void remove()}>
              Confirm delete
            </button>
            <button type="button" class="secondary" onClick={() => { setMode("view"); }}>
              Keep it
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
