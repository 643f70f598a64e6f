// Unit tests of the console's own logic: money, the admin's status transitions,
// where an API error is shown, and the router's helpers.
import { ApiError } from "@ecommerce/sdk";
import { describe, expect, it } from "vitest";

import { showError } from "../src/lib/errors.ts";
import { formatMoney, normaliseAmount } from "../src/lib/money.ts";
import { match, queryString } from "../src/lib/router.ts";
import { ORDER_STATUSES, adminTransitions, transitionLabel } from "../src/lib/transitions.ts";

describe("money", () => {
  it("shows amounts with two decimals and the currency", () => {
    const cases: [string, string][] = [
      ["19.9", "19.90 ETB"],
      ["19.90", "19.90 ETB"],
      ["7", "7.00 ETB"],
      ["0.05", "0.05 ETB"],
      ["007.5", "7.50 ETB"],
      ["9999999999.99", "9999999999.99 ETB"],
    ];
    for (const [amount, shown] of cases) {
      expect(formatMoney(amount), amount).toBe(shown);
    }
    expect(formatMoney("12.5", "USD")).toBe("12.50 USD");
  });

  it("never rounds through floats: large amounts stay exact", () => {
    expect(normaliseAmount("1234567890.1")).toBe("1234567890.10");
  });

  it("refuses what the API would refuse", () => {
    for (const bad of ["", "1.234", "-1", "1e3", "12,50", "abc", "12345678901"]) {
      expect(normaliseAmount(bad), bad).toBeNull();
    }
    expect(formatMoney("oops")).toBe("oops ETB");
  });
});

describe("status transitions", () => {
  it("offers the admin's next fulfilment step or cancelling a pending order", () => {
    expect(adminTransitions("pending")).toEqual(["cancelled"]);
    expect(adminTransitions("paid")).toEqual(["processing"]);
    expect(adminTransitions("processing")).toEqual(["shipped"]);
    expect(adminTransitions("shipped")).toEqual(["delivered"]);
  });

  it("offers nothing from a final status and never paid or refunded", () => {
    for (const end of ["delivered", "cancelled", "refunded"] as const) {
      expect(adminTransitions(end), end).toEqual([]);
    }
    for (const from of ORDER_STATUSES) {
      expect(adminTransitions(from), from).not.toContain("paid");
      expect(adminTransitions(from), from).not.toContain("refunded");
    }
  });

  it("labels each button by what it does", () => {
    expect(transitionLabel("shipped")).toBe("Mark shipped");
    expect(transitionLabel("cancelled")).toBe("Cancel order");
  });
});

describe("errors", () => {
  const apiError = (status: number, code: string, message: string, field?: string): ApiError =>
    new ApiError(status, { error: { code, message, details: field === undefined ? undefined : { field } } });

  it("shows a validation error next to the field it names", () => {
    const error = apiError(400, "validation_failed", "`price` is not valid", "price");
    expect(showError(error, ["name", "price"])).toEqual({ field: "price", message: "`price` is not valid" });
  });

  it("maps indexed and body-prefixed field names to the input", () => {
    expect(showError(apiError(422, "unknown_categories", "no such", "category_ids[0]"), ["category_ids"]).field).toBe(
      "category_ids",
    );
    expect(showError(apiError(400, "validation_failed", "bad", "body.name"), ["name"]).field).toBe("name");
  });

  it("puts a taken name next to the name field", () => {
    const error = apiError(409, "name_taken", "a category named `Lamps` already exists");
    expect(showError(error, ["name"])).toEqual({ field: "name", message: "a category named `Lamps` already exists" });
  });

  it("sends a field the form has no input for to its alias", () => {
    const error = apiError(409, "slug_taken", "slug `lamps` is already taken");
    expect(showError(error, ["name"], { slug: "name" })).toEqual({ field: "name", message: "slug `lamps` is already taken" });
    expect(showError(error, ["name"])).toEqual({ message: "slug `lamps` is already taken" });
  });

  it("shows errors about fields the form does not have, or no field, as a banner", () => {
    expect(showError(apiError(400, "validation_failed", "bad cursor", "cursor"), ["name"])).toEqual({
      message: "bad cursor",
    });
    expect(showError(apiError(409, "illegal_transition", "cannot"), [])).toEqual({ message: "cannot" });
  });

  it("explains network failures", () => {
    expect(showError(new TypeError("Failed to fetch")).message).toContain("could not be reached");
    expect(showError("weird").message).toBe("Something went wrong");
  });
});

describe("router helpers", () => {
  it("matches path parameters", () => {
    expect(match("/orders/:id", "/orders/12")).toEqual({ id: "12" });
    expect(match("/orders/:id", "/orders")).toBeNull();
    expect(match("/orders/:id", "/products/12")).toBeNull();
  });

  it("builds a query string from the non-empty values", () => {
    expect(queryString({ q: "lamp", category: "", cursor: undefined, sort: "-price" })).toBe("?q=lamp&sort=-price");
    expect(queryString({ q: "" })).toBe("");
  });
});
