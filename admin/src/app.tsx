/**
 * The console's shell: who is signed in, the navigation, and which screen a
 * path shows. Everything below is admin-only; anyone else sees "Not authorised".
 */
import type { User } from "@ecommerce/sdk";
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

import { Link } from "./components/ui.tsx";
import { match, useLocation } from "./lib/router.ts";
import { onTokens, shop } from "./lib/session.ts";
import { Categories } from "./pages/categories.tsx";
import { Dashboard } from "./pages/dashboard.tsx";
import { OrderDetail, Orders } from "./pages/orders.tsx";
import { PaymentDetail, Payments } from "./pages/payments.tsx";
import { ProductEdit, Products } from "./pages/products.tsx";
import { SignIn } from "./pages/sign-in.tsx";
import { Users } from "./pages/users.tsx";

type Session =
  | { state: "checking" }
  | { state: "signed-out" }
  | { state: "expired"; user: User }
  | { state: "signed-in"; user: User };

const NAV: readonly [string, string][] = [
  ["/", "Dashboard"],
  ["/products", "Products"],
  ["/categories", "Categories"],
  ["/orders", "Orders"],
  ["/payments", "Payments"],
  ["/users", "Users"],
];

async function whoAmI(): Promise<User> {
  return unwrap(shop.api.GET("/api/v1/users/me"));
}

export function App(): JSX.Element {
  const [session, setSession] = useState<Session>(() =>
    shop.tokens() === null ? { state: "signed-out" } : { state: "checking" },
  );

  useEffect(() => {
    if (session.state === "checking") {
      whoAmI().then(
        (user) => {
          setSession({ state: "signed-in", user });
        },
        () => {
          shop.setTokens(null);
          setSession({ state: "signed-out" });
        },
      );
    }
  }, [session.state]);

  // A refused refresh clears the tokens: ask to sign in again, keeping the page.
  useEffect(
    () =>
      onTokens((tokens) => {
        if (tokens === null) {
          setSession((s) => (s.state === "signed-in" ? { state: "expired", user: s.user } : s));
        }
      }),
    [],
  );

  const signedIn = (user: User): void => {
    setSession({ state: "signed-in", user });
  };

  if (session.state === "checking") {
    return <p class="loading">Loading…</p>;
  }
  if (session.state === "signed-out") {
    return <SignIn onSignedIn={signedIn} />;
  }
  if (session.user.role !== "admin") {
    return <NotAuthorised user={session.user} />;
  }
  return (
    <>
      {session.state === "expired" && (
        <SignIn onSignedIn={signedIn} expired login={session.user.email} />
      )}
      <div class="shell" hidden={session.state === "expired"}>
        <Shell user={session.user} />
      </div>
    </>
  );
}

function signOut(): void {
  void shop.logout().finally(() => {
    window.location.assign("/admin/");
  });
}

function NotAuthorised(props: { user: User }): JSX.Element {
  return (
    <main class="sign-in">
      <h1>Not authorised</h1>
      <p>
        You are signed in as {props.user.username}, who is not an admin. The console is for the shop's
        staff only.
      </p>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </main>
  );
}

function Shell(props: { user: User }): JSX.Element {
  const location = useLocation();
  const section = `/${location.path.split("/")[1] ?? ""}`;
  return (
    <>
      <header class="top">
        <span class="brand">Shop admin</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([to, label]) => (
              <li key={to}>
                <Link to={to} current={section === to}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">{props.user.email}</span>
        <button type="button" class="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Screen path={location.path} query={location.query} />
      </main>
    </>
  );
}

function Screen(props: { path: string; query: URLSearchParams }): JSX.Element {
  const { path, query } = props;
  if (path === "/") {
    return <Dashboard />;
  }
  if (path === "/products") {
    return <Products query={query} />;
  }
  if (path === "/products/new") {
    return <ProductEdit key="new" id={null} />;
  }
  let params = match("/products/:id", path);
  if (params !== null) {
    return <ProductEdit key={params.id} id={Number(params.id)} />;
  }
  if (path === "/categories") {
    return <Categories query={query} />;
  }
  if (path === "/orders") {
    return <Orders query={query} />;
  }
  params = match("/orders/:id", path);
  if (params !== null) {
    return <OrderDetail id={Number(params.id)} />;
  }
  if (path === "/payments") {
    return <Payments query={query} />;
  }
  params = match("/payments/:id", path);
  if (params !== null) {
    return <PaymentDetail id={Number(params.id)} />;
  }
  if (path === "/users") {
    return <Users query={query} />;
  }
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page here. <Link to="/">Go to the dashboard</Link>.
      </p>
    </section>
  );
}
