/** Hands a subscription's fatal error to its `onError`, or logs it where there is none (shared by the adapters). */
export function reportSubscriptionError(onError: ((error: unknown) => void) | undefined, error: unknown): void {
  if (!onError) {
    console.error('event store subscription stopped on an error', error);
    return;
  }
  try {
    onError(error);
  } catch (secondary) {
    console.error('event store subscription: onError threw', secondary);
  }
}
