/** Users: search by part of the email or username, filter by role; change role and activation. */
import type { User } from "@ecommerce/sdk";
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field, Link, Notice, formatTime, useLoad } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { navigate, queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";

export function Users(props: { query: URLSearchParams }): JSX.Element {
  const search = props.query.get("q") ?? "";
  const role = props.query.get("role") ?? "";
  const cursor = props.query.get("cursor") ?? "";
  const list = useLoad(
    () =>
      unwrap(
        shop.api.GET("/api/v1/users", {
          params: {
            query: {
              q: search || undefined,
              role: role === "admin" || role === "user" ? role : undefined,
              cursor: cursor || undefined,
              limit: 25,
            },
          },
        }),
      ),
    [search, role, cursor],
  );
  const [form, setForm] = useState({ q: search, role });
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section>
      <h1>Users</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/users${queryString(form)}`);
        }}
      >
        <Field label="Email or username" name="q" error={list.error}>
          {(attrs) => <input {...attrs} type="search" value={form.q} onInput={(e) => { setForm({ ...form, q: e.currentTarget.value }); }} />}
        </Field>
        <Field label="Role" name="role" error={list.error}>
          {(attrs) => (
            <select {...attrs} value={form.role} onChange={(e) => { setForm({ ...form, role: e.currentTarget.value }); }}>
              <option value="">Any role</option>
              <option value="admin">admin</option>
              <option value="user">user</option>
            </select>
          )}
        </Field>
        <button type="submit">Apply filters</button>
      </form>
      <Banner error={list.error} />
      <Notice text={notice} />
      {list.data !== null && (
        <>
          <table>
            <caption class="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Username</th>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Verified</th>
                <th scope="col">Joined</th>
                <th scope="col">Role and access</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((u) => (
                <UserRow key={u.id} user={u} onSaved={(text) => { setNotice(text); list.reload(); }} />
              ))}
            </tbody>
          </table>
          {list.data.items.length === 0 && <p>No users match.</p>}
          {typeof list.data.next_cursor === "string" && (
            <nav class="pager" aria-label="Pages">
              <Link to={`/users${queryString({ ...form, cursor: list.data.next_cursor })}`}>Next</Link>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function UserRow(props: { user: User; onSaved: (notice: string) => void }): JSX.Element {
  const u = props.user;
  const [role, setRole] = useState(u.role);
  const [active, setActive] = useState(u.is_active);
  const [error, setError] = useState<ShownError | null>(null);
  const changed = role !== u.role || active !== u.is_active;

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await unwrap(
        shop.api.PATCH("/api/v1/users/{id}", { params: { path: { id: u.id } }, body: { role, is_active: active } }),
      );
      props.onSaved(`Saved ${u.username}.`);
    } catch (e) {
      setError(showError(e));
    }
  };

  return (
    <tr>
      <td>{u.id}</td>
      <td>
        <Link to={`/orders${queryString({ user_id: String(u.id) })}`}>{u.username}</Link>
      </td>
      <td>{u.email}</td>
      <td>{`${u.first_name} ${u.last_name}`.trim()}</td>
      <td>{u.email_verified ? "Yes" : "No"}</td>
      <td>{formatTime(u.created_at)}</td>
      <td>
        <form class="inline" onSubmit={(e) => void save(e)}>
          <Field label={`Role of ${u.username}`} name={`role-${u.id}`} error={null}>
            {(attrs) => (
              <select {...attrs} value={role} onChange={(e) => { setRole(e.currentTarget.value === "admin" ? "admin" : "user"); }}>
                <option value="user">user</option>
                <option value="admin">admin</option>
              </select>
            )}
          </Field>
          <div class="field checkbox">
            <input id={`active-${u.id}`} type="checkbox" checked={active} onChange={(e) => { setActive(e.currentTarget.checked); }} />
            <label for={`active-${u.id}`}>Active</label>
          </div>
          <button type="submit" disabled={!changed}>
            Save
          </button>
        </form>
        <Banner error={error} />
      </td>
    </tr>
  );
}
