/**
 * Deterministic data for the benchmark: a seeded PRNG and realistic Spanish help-desk text
 * (subjects, ~1 KB bodies, names, companies). The same seed always gives the same rows.
 */

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives a three times as often. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

/** A UUIDv7-shaped id whose time part is `ms`, like the app's ids, but from the seeded PRNG. */
export function uuid7(r: Rng, ms: number): string {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  const ts = hex(ms, 12);
  const rand = () => hex(r.int(0x10000), 4);
  const variant = hex(0x8000 | r.int(0x4000), 4);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(r.int(0x1000), 3)}-${variant}-${rand()}${rand()}${rand()}`;
}

export const DEPARTMENTS = [
  ['Soporte Técnico', 'external'],
  ['Educación', 'external'],
  ['Capacitación', 'external'],
  ['Sistemas', 'internal'],
  ['Ventas', 'external'],
  ['Consultoría', 'external'],
  ['Contabilidad', 'internal'],
] as const;

const FIRST = [
  'José',
  'María',
  'Luis',
  'Ana',
  'Carlos',
  'Sofía',
  'Jorge',
  'Lucía',
  'Andrés',
  'Valeria',
  'Óscar',
  'Camila',
  'Raúl',
  'Daniela',
  'Héctor',
  'Gabriela',
  'Iván',
  'Mónica',
  'Sebastián',
  'Paula',
  'Tomás',
  'Adriana',
  'Martín',
  'Verónica',
  'Ramón',
  'Natalia',
  'Jesús',
  'Inés',
  'Álvaro',
  'Beatriz',
  'Rocío',
  'Fernando',
  'Marisol',
  'Esteban',
];
const LAST = [
  'González',
  'Rodríguez',
  'Hernández',
  'López',
  'Martínez',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Jiménez',
  'Vargas',
  'Rojas',
  'Mora',
  'Castro',
  'Solís',
  'Araya',
  'Chaves',
  'Quesada',
  'Núñez',
  'Muñoz',
  'Gutiérrez',
  'Díaz',
  'Álvarez',
  'Romero',
  'Herrera',
  'Méndez',
  'Cordero',
  'Villalobos',
  'Ureña',
  'Zúñiga',
  'Fernández',
  'Calderón',
  'Ibáñez',
];
const COMPANY_A = [
  'Distribuidora',
  'Ferretería',
  'Farmacia',
  'Comercializadora',
  'Inversiones',
  'Servicios',
  'Importadora',
  'Colegio',
  'Clínica',
  'Panadería',
  'Supermercado',
  'Constructora',
  'Transportes',
  'Agencia',
  'Librería',
  'Hotel',
];
const COMPANY_B = [
  'del Valle',
  'La Económica',
  'San José',
  'Central',
  'El Roble',
  'Montaña Azul',
  'Pacífico',
  'Los Ángeles',
  'Santa Ana',
  'Escazú',
  'Guadalupe',
  'Heredia',
  'La Unión',
  'Cartago',
  'Monterrey',
  'Puebla',
  'Jalisco',
  'Oaxaca',
];
const COMPANY_C = ['S.A.', 'S.R.L.', 'Ltda.', 'S.A. de C.V.', 'y Asociados', 'Internacional'];

export function personName(r: Rng): string {
  return `${r.pick(FIRST)} ${r.pick(LAST)} ${r.pick(LAST)}`;
}
export function companyName(r: Rng, i: number): string {
  return `${r.pick(COMPANY_A)} ${r.pick(COMPANY_B)} ${i} ${r.pick(COMPANY_C)}`;
}

const PROBLEMS = [
  'Error al',
  'No puedo',
  'Problema para',
  'Falla al',
  'Consulta sobre cómo',
  'Ayuda para',
  'No me deja',
  'Urgente: no se puede',
  'Duda al',
  'Lentitud al',
];
const ACTIONS = [
  'emitir la factura electrónica',
  'imprimir el tiquete',
  'cerrar la caja',
  'iniciar sesión',
  'cambiar la contraseña',
  'enviar el reporte mensual',
  'sincronizar el inventario',
  'registrar el pago',
  'anular la nota de crédito',
  'configurar la impresora fiscal',
  'descargar el XML de Hacienda',
  'activar la licencia',
  'matricular estudiantes',
  'subir las calificaciones',
  'exportar la planilla',
  'conciliar el banco',
  'generar el asiento contable',
  'actualizar el catálogo de productos',
  'aplicar el descuento',
  'restaurar el respaldo',
  'ver el curso en Moodle',
  'conectar con Odoo',
  'validar el comprobante',
  'crear un usuario nuevo',
  'programar la capacitación',
];
const PLACES = [
  'en la sucursal',
  'desde el celular',
  'en el punto de venta',
  'en el módulo de facturación',
  'en la versión nueva',
  'desde ayer',
  'después de la actualización',
  'en producción',
  'en el portal',
  'con el lector de código de barras',
];

export function subject(r: Rng): string {
  return `${r.pick(PROBLEMS)} ${r.pick(ACTIONS)} ${r.pick(PLACES)}`;
}

const SENTENCES = [
  'Buenos días, les escribo porque {a} {p} y el sistema muestra un mensaje de error que no entendemos.',
  'Ya intentamos reiniciar la computadora y volver a iniciar sesión, pero el problema continúa.',
  'El error aparece cuando el cajero intenta {a}; antes de la actualización funcionaba sin problema.',
  'Necesitamos una solución lo antes posible porque tenemos clientes esperando en la fila.',
  'Adjunto una captura de pantalla con el código de error y el número de comprobante afectado.',
  'La facturación del día quedó pendiente y Hacienda rechazó tres comprobantes con el mismo mensaje.',
  'Por favor indíquenme si deben conectarse de forma remota o si nos pueden llamar por teléfono.',
  'El técnico de la empresa revisó la red y la impresora y todo parece estar bien.',
  'También notamos que el inventario no coincide con las ventas registradas en el cierre de caja.',
  'Quisiera saber si la licencia está activa o si hay algún pago pendiente con ustedes.',
  'La contraseña del usuario administrador no funciona desde que cambiamos de computadora.',
  'Hoy en la mañana recibimos una notificación de que el certificado digital está por vencer.',
  'Les agradecería que me confirmen el número de tiquete y el tiempo estimado de respuesta.',
  'En la sucursal de {c} el mismo procedimiento funciona correctamente, solo falla aquí.',
  'Los estudiantes no pueden ver el curso ni descargar los materiales de la lección.',
  'Revisamos la configuración del módulo de contabilidad y los asientos no se generan.',
  'Quedo atento a sus comentarios y muchas gracias por la ayuda.',
  'Saludos cordiales.',
];
const REPLIES = [
  'Hola, gracias por escribirnos. Revisamos su caso y el problema se debe a la configuración de la impresora.',
  'Buenas tardes, ya aplicamos la corrección en su base de datos; por favor intente {a} de nuevo.',
  'Le comparto los pasos: ingrese al menú de configuración, seleccione la sucursal y guarde los cambios.',
  'Programamos una sesión remota para mañana a las diez; le enviamos la invitación por correo electrónico.',
  'El comprobante fue rechazado por Hacienda porque la cédula del receptor no coincide con el registro.',
  'Confirmamos que la licencia está activa hasta fin de año. ¿Podría enviarnos una captura del error?',
  'Escalamos el caso al equipo de desarrollo; le avisaremos en cuanto tengamos una solución.',
  'Muchas gracias, ya funciona correctamente. Pueden cerrar el tiquete.',
  'Todavía tenemos el mismo error al {a}, les adjunto el registro que pidieron.',
  'Nota interna: el cliente tiene contrato especial, atender con prioridad y avisar al líder de cuenta.',
];

function fill(r: Rng, text: string): string {
  return text.replace('{a}', r.pick(ACTIONS)).replace('{p}', r.pick(PLACES)).replace('{c}', r.pick(COMPANY_B));
}

/** A customer's first message of about `bytes` characters. */
export function body(r: Rng, bytes = 1000): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const s = fill(r, r.pick(SENTENCES));
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ');
}

/** A follow-up message (agent reply, customer answer or internal note), 150–500 characters. */
export function followUp(r: Rng): string {
  const n = 1 + r.int(3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(fill(r, r.pick(REPLIES)));
  return parts.join(' ');
}

export const TAGS = [
  'facturacion',
  'hacienda',
  'impresora',
  'licencia',
  'moodle',
  'odoo',
  'inventario',
  'caja',
  'contabilidad',
  'planilla',
  'capacitacion',
  'urgente',
  'vip',
  'remoto',
  'red',
  'respaldo',
  'certificado',
  'pos',
  'portal',
  'usuarios',
  'reportes',
  'pagos',
  'actualizacion',
  'migracion',
  'integracion',
];

/** The 20 searches of the search phase: 1–3 words, with and without accents, common and rare. */
export const SEARCHES = [
  'facturación',
  'facturacion',
  'impresora',
  'contraseña',
  'contrasena',
  'certificado digital',
  'nota de crédito',
  'nota de credito',
  'sesión remota',
  'sesion remota',
  'licencia activa',
  'Hacienda rechazó',
  'inventario ventas',
  'módulo contabilidad',
  'modulo contabilidad asientos',
  'lector código barras',
  'estudiantes curso',
  'planilla',
  'catálogo productos',
  'respaldo restaurar',
];
