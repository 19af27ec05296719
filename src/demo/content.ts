/**
 * Demo content of Newsroom, written for this project from the facts of the post
 * "SYIIT joins WAITRO" (13 September 2023). Organizations and partnerships are keyed
 * by slug so that loading is idempotent.
 */

export interface DemoOrganization {
  slug: string;
  name: string;
  acronym?: string;
  aliases?: { text: string; language?: string }[];
  type: 'association' | 'research-institute' | 'university' | 'academy' | 'government' | 'enterprise' | 'other';
  country?: string;
  city?: string;
  website?: string;
  description?: string;
  /** Slugs of demoSectors. */
  sectors?: string[];
  parent?: string;
}

export interface DemoSector {
  slug: string;
  name: string;
  nameZh: string;
}

export interface DemoPartnership {
  organization: string;
  partner: string;
  kind: 'membership' | 'strategic-agreement' | 'communication-mechanism' | 'innovation-hub' | 'founded-by' | 'other';
  role?: string;
  status: 'active' | 'planned' | 'ended';
  startDate?: string;
  description?: string;
  announced?: boolean;
}

type Inline = { type: 'text'; text: string; bold?: boolean; italic?: boolean };
export type DemoBlock =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: 2 | 3; children: Inline[] }
  | { type: 'list'; format: 'unordered'; children: { type: 'list-item'; children: Inline[] }[] };

const paragraph = (text: string): DemoBlock => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const item = (text: string) => ({ type: 'list-item' as const, children: [{ type: 'text' as const, text }] });

export const demoAuthor = {
  slug: 'jerin-saviour',
  name: 'Jerin Saviour',
  role: 'Communications, WAITRO Secretariat',
  bio: 'Writes about the members of the network and the work they do together.',
  email: 'jerin.saviour@newsroom.example',
};

/** SYIIT's five industrial fields, as the post names them. */
export const demoSectors: DemoSector[] = [
  { slug: 'intelligent-manufacturing', name: 'Intelligent manufacturing', nameZh: '智能制造' },
  { slug: 'advanced-materials', name: 'Advanced materials', nameZh: '先进材料' },
  { slug: 'biomedicine', name: 'Biomedicine', nameZh: '生物医药' },
  { slug: 'information-technology', name: 'Information technology', nameZh: '信息技术' },
  { slug: 'new-energy', name: 'New energy', nameZh: '新能源' },
];

export const demoOrganizations: DemoOrganization[] = [
  {
    slug: 'world-association-of-industrial-and-technological-research-organizations',
    name: 'World Association of Industrial and Technological Research Organizations',
    acronym: 'WAITRO',
    type: 'association',
    website: 'https://waitro.org',
    description: 'A global network of research and technology organizations that work for industrial development.',
  },
  {
    slug: 'shenyang-institute-of-industrial-technology',
    name: 'Shenyang Institute of Industrial Technology',
    acronym: 'SYIIT',
    type: 'research-institute',
    country: 'CN',
    city: 'Shenyang',
    sectors: demoSectors.map((sector) => sector.slug),
    description: 'An institute set up by the city of Shenyang to turn research into industry.',
  },
  {
    slug: 'shenyang-municipal-peoples-government',
    name: "Shenyang Municipal People's Government",
    aliases: [{ text: '沈阳市人民政府', language: 'zh' }],
    type: 'government',
    country: 'CN',
    city: 'Shenyang',
  },
  {
    slug: 'shenyang-aerospace-university',
    name: 'Shenyang Aerospace University',
    aliases: [{ text: '沈阳航空航天大学', language: 'zh' }],
    type: 'university',
    country: 'CN',
    city: 'Shenyang',
  },
  {
    slug: 'shenyang-ligong-university',
    name: 'Shenyang Ligong University',
    aliases: [{ text: '沈阳理工大学', language: 'zh' }],
    type: 'university',
    country: 'CN',
    city: 'Shenyang',
  },
  {
    slug: 'liaoning-academy-of-materials',
    name: 'Liaoning Academy of Materials',
    aliases: [{ text: '辽宁材料实验室', language: 'zh' }],
    type: 'research-institute',
    country: 'CN',
    city: 'Shenyang',
  },
  {
    slug: 'northeastern-university',
    name: 'Northeastern University',
    aliases: [{ text: '东北大学', language: 'zh' }],
    type: 'university',
    country: 'CN',
    city: 'Shenyang',
  },
  {
    slug: 'chinese-academy-of-sciences',
    name: 'Chinese Academy of Sciences',
    acronym: 'CAS',
    aliases: [{ text: '中国科学院', language: 'zh' }],
    type: 'academy',
    country: 'CN',
    city: 'Beijing',
  },
  {
    slug: 'institute-of-metals-research',
    name: 'Institute of Metals Research',
    acronym: 'IMR',
    aliases: [{ text: 'Institute of Metal Research' }, { text: '中国科学院金属研究所', language: 'zh' }],
    type: 'research-institute',
    country: 'CN',
    city: 'Shenyang',
    parent: 'chinese-academy-of-sciences',
  },
  {
    slug: 'shenyang-institute-of-automation',
    name: 'Shenyang Institute of Automation',
    acronym: 'SIA',
    aliases: [{ text: '中国科学院沈阳自动化研究所', language: 'zh' }],
    type: 'research-institute',
    country: 'CN',
    city: 'Shenyang',
    parent: 'chinese-academy-of-sciences',
  },
  {
    slug: 'dalian-institute-of-chemical-physics',
    name: 'Dalian Institute of Chemical Physics',
    acronym: 'DICP',
    aliases: [{ text: '中国科学院大连化学物理研究所', language: 'zh' }],
    type: 'research-institute',
    country: 'CN',
    city: 'Dalian',
    parent: 'chinese-academy-of-sciences',
  },
];

const SYIIT = 'shenyang-institute-of-industrial-technology';

export const demoPartnerships: DemoPartnership[] = [
  {
    organization: SYIIT,
    partner: 'world-association-of-industrial-and-technological-research-organizations',
    kind: 'membership',
    role: 'Full Member',
    status: 'active',
    startDate: '2023-09-13',
    announced: true,
  },
  { organization: SYIIT, partner: 'shenyang-municipal-peoples-government', kind: 'founded-by', status: 'active' },
  ...['shenyang-aerospace-university', 'shenyang-ligong-university', 'liaoning-academy-of-materials'].map(
    (partner): DemoPartnership => ({ organization: SYIIT, partner, kind: 'strategic-agreement', status: 'active', announced: true })
  ),
  ...['northeastern-university', 'institute-of-metals-research', 'shenyang-institute-of-automation', 'dalian-institute-of-chemical-physics'].map(
    (partner): DemoPartnership => ({ organization: SYIIT, partner, kind: 'communication-mechanism', status: 'active', announced: true })
  ),
];

export const demoArticle = {
  slug: 'syiit-becomes-a-full-member-of-waitro',
  title: 'SYIIT becomes a Full Member of WAITRO',
  date: '2023-09-13',
  excerpt:
    'The Shenyang Institute of Industrial Technology, set up by the city government of Shenyang, now belongs to the world association of industrial research organizations as a Full Member.',
  sectors: demoSectors.map((sector) => sector.slug),
  body: [
    paragraph(
      "The World Association of Industrial and Technological Research Organizations (WAITRO) has admitted the Shenyang Institute of Industrial Technology (SYIIT) as a Full Member. SYIIT was founded by the Shenyang Municipal People's Government in northeast China."
    ),
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'Five fields, five systems, five ecologies' }] },
    paragraph(
      'SYIIT concentrates on five industrial fields: intelligent manufacturing, advanced materials, biomedicine, information technology and new energy. Around them it has put in place five support systems and five ecologies, with one goal: to make Shenyang a technology innovation centre for Northeast China.'
    ),
    {
      type: 'list',
      format: 'unordered',
      children: [
        item('Support systems for industrial demand, R&D carriers, innovation resources, platforms, and innovation and entrepreneurship.'),
        item('Ecologies covering space, finance, talent, policy and services.'),
      ],
    },
    paragraph(
      'More than 20 new research and development institutions have joined the SYIIT community so far. The institute runs innovation hubs with 23 enterprises based in Shenyang and works with eight district and county governments on innovation complexes in Hunnan, Tiexi, Heping and North Shenyang New District.'
    ),
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'Partners in Liaoning and beyond' }] },
    paragraph(
      'Strategic agreements tie SYIIT to Shenyang Aerospace University, Shenyang Ligong University and the Liaoning Academy of Materials; they cover technology transfer, the training of talent and wider cooperation. Regular exchanges are in place with Northeastern University and with three institutes of the Chinese Academy of Sciences: the Institute of Metals Research, the Shenyang Institute of Automation and the Dalian Institute of Chemical Physics.'
    ),
    paragraph('The institute counts more than 70 high-quality projects, 22 project managers and six industrialization projects under way.'),
    paragraph(
      "For WAITRO, the new membership widens scientific cooperation across its network; for SYIIT, it opens WAITRO's network of research organizations to its way of turning research into industry."
    ),
  ] satisfies DemoBlock[],
};
