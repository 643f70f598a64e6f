/**
 * Shared building blocks: links that route, labelled fields that show their
 * API error, banners, and a loader hook.
 */
import type { ComponentChildren, JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

import { showError, type ShownError } from "../lib/errors.ts";
import { BASE, navigate } from "../lib/router.ts";

/** A link to a path below `/admin` that navigates without a reload. */
export function Link(props: { to: string; children: ComponentChildren; current?: boolean }): JSX.Element {
  return (
    <a
      href={`${BASE}${props.to}`}
      aria-current={props.current === true ? "page" : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
          return;
        }
        event.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}

/** A banner for errors that blame no field (`role="alert"`, read out when it appears). */
export function Banner(props: { error: ShownError | null }): JSX.Element | null {
  if (props.error === null || props.error.field !== undefined) {
    return null;
  }
  return (
    <p class="banner" role="alert">
      {props.error.message}
    </p>
  );
}

/** A notice that something worked. */
export function Notice(props: { text: string | null }): JSX.Element | null {
  return props.text === null ? null : (
    <p class="notice" role="status">
      {props.text}
    </p>
  );
}

interface FieldProps {
  /** Visible label, also the accessible name. */
  label: string;
  /** The API's name of the field (matches `details.field`). */
  name: string;
  /** The form's current error, shown here when it blames `name`. */
  error: ShownError | null;
  children: (attrs: { id: string; name: string; "aria-invalid"?: "true"; "aria-describedby"?: string }) => JSX.Element;
}

/** A `<label>`led input with its error message underneath. */
export function Field(props: FieldProps): JSX.Element {
  const id = `field-${props.name}`;
  const blamed = props.error?.field === props.name;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        ...(blamed ? { "aria-invalid": "true", "aria-describedby": `${id}-error` } : {}),
      })}
      {blamed && (
        <span class="field-error" id={`${id}-error`} role="alert">
          {props.error?.message}
        </span>
      )}
    </div>
  );
}

/** The state of a loaded resource. */
export interface Loaded<T> {
  data: T | null;
  error: ShownError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` now and whenever `deps` change; keeps the data, the error and a reload.
 *
 * New `deps` (another page, other filters) clear the data until it arrives, so
 * nothing stale is shown; a `reload` keeps showing the old data meanwhile.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ShownError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => {
    setTick((t) => t + 1);
  }, []);
  const lastDeps = useRef<string | null>(null);
  const depsKey = JSON.stringify(deps);
  useEffect(() => {
    let live = true;
    const fresh = lastDeps.current !== depsKey;
    lastDeps.current = depsKey;
    setState((s) => (fresh ? { data: null, error: null, loading: true } : { ...s, loading: true }));
    load().then(
      (data) => {
        if (live) {
          setState({ data, error: null, loading: false });
        }
      },
      (error: unknown) => {
        if (live) {
          setState({ data: null, error: showError(error), loading: false });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload };
}

/** A short date and time in the browser's locale. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
