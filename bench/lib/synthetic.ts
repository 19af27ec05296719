/**
 * Deterministic synthetic directories and articles for the linker benchmark.
 * A seeded generator (mulberry32) so every run measures the same data; the
 * first N entries of a bigger directory are the N-entry directory, so the
 * same article mentions the same organizations at every size.
 */
import type { DirectoryEntry } from '../../src/plugins/org-linker/server/src/core';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = (
  'Shenyang Dalian Harbin Pretoria Espoo Hsinchu Munich Ottawa Cairo Seoul Singapore Lagos Nairobi Accra Lima Quito Bogota ' +
  'Medellin Cordoba Rosario Valparaiso Porto Braga Coimbra Lyon Grenoble Toulouse Nantes Lille Gent Leuven Delft Utrecht ' +
  'Aarhus Odense Tampere Oulu Uppsala Lund Bergen Trondheim Gdansk Poznan Wroclaw Brno Kosice Graz Linz Basel Lausanne ' +
  'Bologna Padua Turin Genoa Seville Valencia Bilbao Zaragoza Izmir Bursa Ankara Tabriz Shiraz Isfahan Karachi Lahore ' +
  'Pune Chennai Mysore Kanpur Dhaka Chittagong Colombo Kandy Hanoi Danang Cebu Davao Surabaya Bandung Penang Ipoh ' +
  'Perth Adelaide Hobart Darwin Auckland Dunedin Calgary Halifax Regina Quebec Tucson Boulder Austin Raleigh Tampa ' +
  'Fresno Tacoma Spokane Omaha Tulsa Dayton Akron Toledo Monterrey Puebla Leon Merida Recife Belem Manaus Natal ' +
  'Tunis Sfax Oran Rabat Fez Kumasi Kano Ibadan Mombasa Kisumu Arusha Mwanza Kigali Lusaka Harare Maputo Beira'
).split(' ');
const FIELDS = (
  'Automation Robotics Metallurgy Optics Photonics Catalysis Polymers Ceramics Composites Biomedicine Genomics Proteomics ' +
  'Agronomy Forestry Fisheries Hydrology Geophysics Seismology Oceanography Climatology Meteorology Acoustics Mechatronics ' +
  'Nanotechnology Microelectronics Semiconductors Telecommunications Informatics Cybernetics Logistics Energy Petroleum ' +
  'Mining Textiles Leather Food Nutrition Packaging Materials Welding Casting Machining Tribology Corrosion Coatings ' +
  'Aerospace Shipbuilding Railways Construction Cement Glass Paper Rubber Plastics Pharmaceuticals Vaccines Diagnostics ' +
  'Standards Metrology Testing Calibration Quality Innovation Design Ergonomics Safety Radiation Nuclear Fusion Batteries ' +
  'Hydrogen Solar Wind Geothermal Bioenergy Water Sanitation Waste Recycling Environment Ecology Biodiversity Soil'
).split(' ');
const KINDS = [
  'Institute',
  'Research Institute',
  'Research Centre',
  'Research Center',
  'Laboratory',
  'Academy',
  'Council',
  'Agency',
  'Foundation',
  'Society',
  'Association',
  'Technology Centre',
  'Innovation Centre',
  'Development Corporation',
  'Bureau',
];
const ADJECTIVES = ['National', 'Federal', 'Regional', 'Provincial', 'Municipal', 'Central', 'Advanced', 'Applied', 'Industrial', 'Technical'];
const COUNTRIES = (
  'China Finland Taiwan Germany Canada Egypt Korea Singapore Nigeria Kenya Ghana Peru Ecuador Colombia Argentina Chile ' +
  'Portugal France Belgium Netherlands Denmark Sweden Norway Poland Czechia Slovakia Austria Switzerland Italy Spain ' +
  'Turkey Iran Pakistan India Bangladesh Lanka Vietnam Philippines Indonesia Malaysia Australia Zealand Mexico Brazil ' +
  'Tunisia Algeria Morocco Tanzania Rwanda Zambia Zimbabwe Mozambique'
).split(' ');
const SURNAMES = (
  'Fraunhofer Helmholtz Leibniz Pasteur Curie Volta Ampere Faraday Maxwell Kelvin Joule Ohm Planck Bohr Fermi Tesla ' +
  'Nobel Humboldt Mendel Darwin Newton Galileo Kepler Euler Gauss Riemann Hilbert Noether Turing Shannon Wiener Lovelace'
).split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

const JOINERS = new Set(['of', 'for', 'and', 'the', 'de']);

function acronymOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !JOINERS.has(w))
    .map((w) => w[0].toUpperCase())
    .join('');
}

function nameOf(rand: () => number): string {
  const r = rand();
  if (r < 0.2) return `${pick(rand, CITIES)} ${pick(rand, KINDS)} of ${pick(rand, FIELDS)}`;
  if (r < 0.35) return `${pick(rand, ADJECTIVES)} ${pick(rand, FIELDS)} ${pick(rand, KINDS)} of ${pick(rand, COUNTRIES)}`;
  if (r < 0.5) return `${pick(rand, SURNAMES)} ${pick(rand, KINDS)} for ${pick(rand, FIELDS)} and ${pick(rand, FIELDS)}`;
  if (r < 0.6) return `University of ${pick(rand, CITIES)} ${pick(rand, FIELDS)} ${pick(rand, KINDS)}`;
  if (r < 0.75) return `${pick(rand, CITIES)} ${pick(rand, FIELDS)} ${pick(rand, KINDS)}`;
  if (r < 0.9) return `${pick(rand, ADJECTIVES)} ${pick(rand, KINDS)} for ${pick(rand, FIELDS)} ${pick(rand, CITIES)}`;
  return `${pick(rand, COUNTRIES)} ${pick(rand, ADJECTIVES)} ${pick(rand, FIELDS)} ${pick(rand, KINDS)}`;
}

/** `count` entries with unique names; about 60 % have an acronym, 70 % one or two aliases. */
export function syntheticDirectory(count: number, seed = 42): DirectoryEntry[] {
  const rand = mulberry32(seed);
  const names = new Set<string>();
  const out: DirectoryEntry[] = [];
  while (out.length < count) {
    const name = nameOf(rand);
    if (names.has(name)) continue;
    names.add(name);
    const aliases: string[] = [];
    if (rand() < 0.5) aliases.push(`${pick(rand, CITIES)} ${name.split(' ').slice(-2).join(' ')}`);
    if (rand() < 0.3) aliases.push(`The ${name}`);
    const acronym = rand() < 0.6 ? acronymOf(name) : undefined;
    const id = out.length + 1;
    out.push({ id, name, acronym: acronym && acronym.length >= 2 ? acronym : undefined, aliases, slug: `org-${id}` });
  }
  return out;
}

const FILLER = (
  'the a an of in on at to for with by from and or but as is was were has have had will would could should may ' +
  'research project partners signed agreement cooperation industrial technology development innovation programme ' +
  'announced yesterday together across region network members annual meeting delegation visited laboratory ' +
  'results published report funding investment manufacturing materials energy digital transformation training ' +
  'engineers scientists companies small medium enterprises startups pilot plant production quality standards ' +
  'global local national international strategic partnership memorandum understanding new joint centre launched'
).split(' ');

/** Prose of about `bytes` UTF-16 code units mentioning forms of the first `mentionPool` entries now and then. */
export function syntheticArticle(directory: readonly DirectoryEntry[], bytes: number, mentionPool = 1000, seed = 7): string {
  const rand = mulberry32(seed);
  const pool = directory.slice(0, mentionPool);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const words: string[] = [];
    const n = 8 + Math.floor(rand() * 14);
    for (let i = 0; i < n; i++) {
      if (rand() < 0.06) {
        const e = pick(rand, pool);
        const forms = [e.name, ...(e.acronym ? [e.acronym] : []), ...(e.aliases ?? [])];
        words.push(pick(rand, forms));
      } else words.push(pick(rand, FILLER));
    }
    let sentence = words.join(' ');
    sentence = sentence[0].toUpperCase() + sentence.slice(1) + (rand() < 0.15 ? '.\n\n' : '. ');
    parts.push(sentence);
    length += sentence.length;
  }
  return parts.join('').slice(0, bytes);
}
