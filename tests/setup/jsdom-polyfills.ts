/// <reference lib="dom" />
// Browser APIs that jsdom lacks and the Strapi design system uses (selects measure, scroll
// and observe). Only in test files that ask for the jsdom environment.
if (typeof window !== 'undefined') {
  class Observer {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  globalThis.ResizeObserver ??= Observer as unknown as typeof ResizeObserver;
  globalThis.IntersectionObserver ??= Observer as unknown as typeof IntersectionObserver;
  // Seen as optional function properties: they are tested for presence here, never called detached.
  const element = Element.prototype as {
    scrollIntoView?: (arg?: boolean | ScrollIntoViewOptions) => void;
    hasPointerCapture?: (pointerId: number) => boolean;
    releasePointerCapture?: (pointerId: number) => void;
  };
  element.scrollIntoView ??= () => undefined;
  element.hasPointerCapture ??= () => false;
  element.releasePointerCapture ??= () => undefined;
}
