import { WOLK_ONBOARDING } from '../playbooks/default-playbooks.ts';
import type { Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { seedGeneralRules } from './demo-kb.ts';

const SYSTEM: Actor = { kind: 'system', reason: 'demo data' };

/** Departments named in the seeds (weknow's external/internal split, Cimatic's transfers, Wolk's accounting). */
const DEPARTMENTS = [
  { name: 'Soporte Técnico', kind: 'external', email: 'soporte@tiquete.example' },
  { name: 'Educación', kind: 'internal', email: 'educacion@tiquete.example' },
  { name: 'Capacitación', kind: 'internal', email: 'capacitacion@tiquete.example' },
  { name: 'Sistemas', kind: 'internal', email: 'sistemas@tiquete.example' },
  { name: 'Ventas', kind: 'external', email: 'ventas@tiquete.example' },
  { name: 'Consultoría', kind: 'external', email: 'consultoria@tiquete.example' },
  { name: 'Contabilidad', kind: 'internal', email: 'contabilidad@tiquete.example' },
  { name: 'Desarrollo', kind: 'internal', email: 'desarrollo@tiquete.example' },
] as const;

/**
 * 004 VI: "Los tickets que se registren por temas de ventas, consultoría y/o desarrollos serán
 * transferidos al área que corresponden". Each rule matches a whole intent: a subject that starts
 * with the request, or a phrase that asks for it. A single word is not enough: "reporte de ventas
 * del día" or "el ambiente de desarrollo no conecta" are support questions about the system.
 */
export const DEMO_TRANSFERS: { department: string; subjectStarts: string[]; phrases: string[] }[] = [
  {
    department: 'Ventas',
    subjectStarts: ['solicitud de cotización', 'cotización de licencias', 'cotizar licencias', 'compra de licencias'],
    phrases: [
      ...requests(['una cotización', 'cotizar', 'comprar', 'adquirir']),
      'precio de las licencias',
      'licencias adicionales',
    ],
  },
  {
    department: 'Consultoría',
    subjectStarts: ['solicitud de consultoría', 'solicitud de asesoría'],
    phrases: [...requests(['una consultoría', 'una asesoría']), 'horas de consultoría'],
  },
  {
    department: 'Desarrollo',
    subjectStarts: ['solicitud de desarrollo', 'solicitud de personalización'],
    phrases: [...requests(['un desarrollo', 'el desarrollo', 'una personalización']), 'desarrollo a la medida'],
  },
];

/** "solicitamos una consultoría", "necesito una consultoría"…: a request in the customer's words. */
function requests(objects: string[]): string[] {
  const verbs = [
    'solicito',
    'solicitamos',
    'necesito',
    'necesitamos',
    'quiero',
    'queremos',
    'requerimos',
    'quisiéramos',
  ];
  return verbs.flatMap((verb) => objects.map((object) => `${verb} ${object}`));
}

/** The trigger of one transfer, as the demo seeds it (an admin may change it). */
export function demoTransferRule(transfer: (typeof DEMO_TRANSFERS)[number]) {
  return {
    kind: 'trigger' as const,
    name: `Transferir a ${transfer.department} (Cimatic VI)`,
    active: true,
    events: ['created' as const],
    conditions: {
      any: [
        { field: 'subject', op: 'starts_with' as const, value: transfer.subjectStarts },
        { field: 'text', op: 'contains_any' as const, value: transfer.phrases },
      ],
    },
    actions: [{ type: 'set' as const, field: 'department' as const, value: transfer.department }],
    schedule: null,
  };
}

/** Cimatic's consultants with the module codes of its Anexo A as skills. */
const CONSULTANTS: { name: string; skills: string[] }[] = [
  { name: 'Rigoberto Vera', skills: ['SL-ADMIN', 'SL-TECH'] },
  {
    name: 'Adolfo Sierra',
    skills: [
      'XA-AS400',
      'SL-APS',
      'XA-COM',
      'XA-CSM',
      'SL-CO',
      'XA-EPDM',
      'SL-CRM',
      'XA-IM',
      'XA-INTEGRATOR',
      'SL-ION',
      'XA-MM',
      'XA-MRP',
      'XA-OBPM',
      'XA-PCC',
      'XA-PDM',
      'XA-PM',
      'XA-PMC',
      'SL-MRP',
      'SL-PO',
      'XA-PUR',
      'XA-REP',
      'XA-VPI',
      'XA-WORKFLOW',
    ],
  },
  { name: 'Eleazar González', skills: ['SL-AP', 'SL-CFDI', 'SL-GL', 'SL-IVA'] },
  {
    name: 'Silvia Luna',
    skills: [
      'XA-CAS',
      'XA-CFDI',
      'XA-EAM',
      'SL-EAM',
      'XA-IFM',
      'XA-IQM',
      'SL-F9',
      'XA-LEA',
      'XA-LICENCIA',
      'SL-INV',
      'XA-LINKMANAGER',
      'SL-LICENCIA',
      'XA-POWERLINK',
      'SL-WMS',
    ],
  },
  {
    name: 'David Nieto',
    skills: [
      'SL-AR',
      'SL-BARCODE',
      'SL-DATACOLECTION',
      'SL-DOCTRACK',
      'SL-EDI',
      'SL-FACTORYTRACK',
      'SL-LABORTRACK',
      'SL-MFG',
      'SL-PROJECT',
      'SL-REPORT',
    ],
  },
  { name: 'Laura Arenas', skills: ['SL-LEA'] },
];

/** People of the other seed teams, so the demo has a supervisor and account leaders. */
const OTHER_AGENTS = [
  { name: 'Alicia Rodríguez', role: 'supervisor', department: 'Soporte Técnico' },
  { name: 'Araceli Cruz Cruz', role: 'agent', department: 'Consultoría' },
  { name: 'José Maximino Raúl Tlaxcala Trujillo', role: 'agent', department: 'Consultoría' },
  { name: 'Lucero Gómez', role: 'agent', department: 'Educación' },
  { name: 'Saray Méndez', role: 'agent', department: 'Educación' },
  // 001: Majo hears of every new ticket and every flag in Educación, as its supervisor.
  { name: 'María José Pérez', role: 'supervisor', department: 'Educación' },
  { name: 'Daniela Ortiz', role: 'agent', department: 'Capacitación' },
] as const;

function demoEmail(name: string): string {
  const [first = '', last = ''] = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(' ');
  return `${first}.${last}@tiquete.example`;
}

/** Runs `create`, or returns null when the record is already there, so seeding can run twice. */
async function unlessExists<T>(create: () => Promise<T>): Promise<T | null> {
  try {
    return await create();
  } catch (error) {
    const taken: string[] = ['DEPARTMENT_NAME_TAKEN', 'EMAIL_TAKEN', 'NAME_TAKEN'];
    if (error instanceof AppError && taken.includes(error.code)) {
      return null;
    }
    throw error;
  }
}

/**
 * Adds Spanish demo data modelled on the seeds; records already present are left as they are.
 * Returns how many records it created.
 */
export async function seedDemoData(services: Services): Promise<{ departments: number; agents: number }> {
  const byName = new Map<string, string>();
  let departments = 0;
  for (const d of DEPARTMENTS) {
    const created = await unlessExists(() =>
      services.departments.create(SYSTEM, { ...d, timeZone: 'America/Costa_Rica' }),
    );
    if (created) departments++;
    const id =
      created?.id ?? (await services.departments.list(SYSTEM, { limit: 200 })).items.find((x) => x.name === d.name)?.id;
    if (id) byName.set(d.name, id);
  }
  const people = [
    ...CONSULTANTS.map((c) => ({
      ...c,
      role: 'agent' as const,
      department: 'Soporte Técnico',
      timeZone: 'America/Mexico_City',
    })),
    ...OTHER_AGENTS.map((p) => ({ ...p, skills: [], timeZone: 'America/Costa_Rica' })),
  ];
  let agents = 0;
  for (const person of people) {
    const departmentId = byName.get(person.department);
    const created = await unlessExists(() =>
      services.agents.create(SYSTEM, {
        name: person.name,
        email: demoEmail(person.name),
        role: person.role,
        skills: person.skills,
        departmentIds: departmentId ? [departmentId] : [],
        timeZone: person.timeZone,
      }),
    );
    if (created) agents++;
  }
  await services.macros.seedDefaults(SYSTEM);
  await services.protocols.seedDefaults(SYSTEM);
  await unlessExists(() =>
    services.playbooks.create(SYSTEM, { ...WOLK_ONBOARDING, departmentId: byName.get('Soporte Técnico') ?? null }),
  );
  await seedGeneralRules(services.kb, SYSTEM);
  await services.notifications.seedWeknowMatrices(SYSTEM);
  const rules = new Set((await services.automation.listRules(SYSTEM, 'trigger')).map((r) => r.name));
  for (const transfer of DEMO_TRANSFERS) {
    const rule = demoTransferRule(transfer);
    if (!byName.has(transfer.department) || rules.has(rule.name)) continue;
    await services.automation.createRule(SYSTEM, rule);
  }
  return { departments, agents };
}
