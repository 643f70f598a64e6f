/** Sign in with email or username and password. */
import type { User } from "@ecommerce/sdk";
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { shop } from "../lib/session.ts";

interface Props {
  onSignedIn: (user: User) => void;
  /** The session ran out while working: say so. */
  expired?: boolean;
  /** Prefill for the login field. */
  login?: string;
}

export function SignIn(props: Props): JSX.Element {
  const [login, setLogin] = useState(props.login ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await shop.login({ login, password });
      const user = await unwrap(shop.api.GET("/api/v1/users/me"));
      props.onSignedIn(user);
    } catch (e) {
      setError(showError(e, ["login", "password"]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>Shop admin</h1>
      {props.expired === true && (
        <p class="notice" role="status">
          Your session has expired. Sign in again to continue where you were.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <Banner error={error} />
        <Field label="Email or username" name="login" error={error}>
          {(attrs) => (
            <input
              {...attrs}
              type="text"
              autocomplete="username"
              required
              value={login}
              onInput={(e) => {
                setLogin(e.currentTarget.value);
              }}
            />
          )}
        </Field>
        <Field label="Password" name="password" error={error}>
          {(attrs) => (
            <input
              {...attrs}
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => {
                setPassword(e.currentTarget.value);
              }}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
