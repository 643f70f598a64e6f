/**
 * Money as the API stores it: decimal strings with at most two decimals
 * (`"19.9"`, `"19.90"`), never floats.
 */

/** Currency of every price and order total (the shop charges in birr through Chapa). */
export const CURRENCY = "ETB";

const DECIMAL = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** `"19.9"` → `"19.90"`; `null` when `amount` is not a decimal with at most two places. */
export function normaliseAmount(amount: string): string | null {
  const match = DECIMAL.exec(amount.trim());
  if (match === null) {
    return null;
  }
  const whole = (match[1] ?? "0").replace(/^0+(?=\d)/, "");
  const cents = (match[2] ?? "").padEnd(2, "0");
  return `${whole}.${cents}`;
}

/** `"19.9"`, `"ETB"` → `"19.90 ETB"`; an unparseable amount is shown as it came. */
export function formatMoney(amount: string, currency: string = CURRENCY): string {
  return `${normaliseAmount(amount) ?? amount} ${currency}`;
}
