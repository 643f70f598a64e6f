/**
 * Which status changes an admin may make to an order: the admin's share of
 * the API's status machine (`check_transition` in `src/orders/domain.rs`).
 *
 * pending → cancelled; paid → processing → shipped → delivered. `paid` and
 * `refunded` are set only by payments, so no button offers them.
 */
import type { OrderStatus } from "@ecommerce/sdk";

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["cancelled"],
  paid: ["processing"],
  processing: ["shipped"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
  refunded: [],
};

/** The statuses an admin may move an order in `status` to, in the order to offer them. */
export function adminTransitions(status: OrderStatus): readonly OrderStatus[] {
  return NEXT[status];
}

/** The label of the button that moves an order to `to`. */
export function transitionLabel(to: OrderStatus): string {
  switch (to) {
    case "processing":
      return "Start processing";
    case "shipped":
      return "Mark shipped";
    case "delivered":
      return "Mark delivered";
    case "cancelled":
      return "Cancel order";
    default:
      return `Mark ${to}`;
  }
}

/** Every order status, in lifecycle order (for filters). */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  "pending",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "cancelled",
  "refunded",
];
