import { bannerKeys, GUIDED_TOUR_KEY, quietAnnouncements } from './quiet';

/** A Storage over a Map (the unit tests run in node). */
const memoryStorage = (initial: Record<string, string> = {}): Storage => {
  const values = new Map(Object.entries(initial));
  return {
    get length() {
      return values.size;
    },
    clear: () => values.clear(),
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => void values.delete(key),
    setItem: (key, value) => void values.set(key, String(value)),
  };
};

describe('quietAnnouncements', () => {
  it("switches Strapi's guided tour off, keeping what the stored state already had", () => {
    const fresh = memoryStorage();
    quietAnnouncements(fresh, () => Promise.resolve({ data: { uuid: false } }));
    expect(JSON.parse(fresh.getItem(GUIDED_TOUR_KEY)!)).toEqual({ enabled: false });

    const stored = memoryStorage({ [GUIDED_TOUR_KEY]: JSON.stringify({ enabled: true, tours: { contentManager: { currentStep: 1 } }, completedActions: ['x'] }) });
    quietAnnouncements(stored, () => Promise.resolve({}));
    expect(JSON.parse(stored.getItem(GUIDED_TOUR_KEY)!)).toEqual({ enabled: false, tours: { contentManager: { currentStep: 1 } }, completedActions: ['x'] });

    const broken = memoryStorage({ [GUIDED_TOUR_KEY]: '{not json' });
    quietAnnouncements(broken, () => Promise.resolve({}));
    expect(JSON.parse(broken.getItem(GUIDED_TOUR_KEY)!)).toEqual({ enabled: false });
  });

  it('dismisses the Media Library banner for an instance without a uuid, and for the uuid /admin/init gives', async () => {
    const storage = memoryStorage();
    let answer: (value: unknown) => void = () => undefined;
    quietAnnouncements(storage, () => new Promise((resolve) => (answer = resolve)));
    for (const key of [...bannerKeys(false), ...bannerKeys(undefined)]) expect({ key, value: storage.getItem(key) }).toEqual({ key, value: 'true' });
    expect(bannerKeys(false)).toContain('STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_false:false');
    answer({ data: { uuid: 'b0c1d2' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const key of bannerKeys('b0c1d2')) expect({ key, value: storage.getItem(key) }).toEqual({ key, value: 'true' });
  });
});
