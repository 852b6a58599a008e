import type { Db } from '../../db/database.ts';
import { newId } from '../shared/ids.ts';
import { macroRepository } from './macro.repository.ts';

/**
 * The canned texts of the seeds, in their Spanish, with the blanks ("XXXX") turned into
 * placeholders. The seed's "Ojos de sonrisa" is the alt text its page showed for the 😊 emoji, so
 * the emoji is written here.
 */
export const DEFAULT_MACROS: readonly { name: string; body: string; key?: string }[] = [
  // 002 (Wolk): "¿Qué hago cuando recibimos un pago al WhatsApp de soporte?", step 5.
  {
    key: 'payment.script1',
    name: 'Pago recibido: SCRIPT #1 (confirmación del recibido del pago)',
    body: [
      '¡Hola {{contact.first_name}}, te saluda {{agent.name}}! 👋',
      'Gracias por comunicarte con el departamento de soporte Wolk Software 🚀',
      'Te confirmamos el recibido del pago 🙌🏻',
      'Vamos a compartirlo con los compañeros de contabilidad para que lo apliquen y te generan la factura 😊',
      'Cualquier consulta quedamos a la orden',
    ].join('\n'),
  },
  {
    key: 'payment.script2',
    name: 'Pago recibido: SCRIPT #2 (confirmación del recibido del pago + recordatorio nota de ID)',
    body: [
      '¡Hola {{contact.first_name}}, te saluda {{agent.name}}! 👋',
      'Gracias por comunicarte con el departamento de soporte Wolk Software 🚀',
      'Te confirmamos el recibido del pago 🙌🏻',
      'Vamos a compartirlo con los compañeros de contabilidad para que lo apliquen y te generan la factura 😊',
      'La próxima vez, te agradecemos muchísimo 🙏, si puedes agregar en el MOTIVO del pago: *ID {{organization.code}}* (este es tu número de cliente, así lo podemos identificar más rápido)',
      'Cualquier consulta quedamos a la orden',
    ].join('\n'),
  },
  {
    key: 'payment.script3',
    name: 'Pago aplicado: SCRIPT #3 (cuando ya el pago está aplicado)',
    body: [
      'Listo, nos indican los compañeros que ya el pago se encuentra aplicado y por ende el sistema activo 😊',
      'Quedamos atentos si le podemos colaborar en algo más',
    ].join('\n'),
  },
  {
    key: 'payment.script3_no_id',
    name: 'Pago aplicado: SCRIPT #3, cuando no enviaron el ID y lo comentan en el chat de SINPE',
    body: [
      'Listo, nos indican los compañeros que ya el pago se encuentra aplicado y por ende el sistema activo 😊',
      'Nos comentan que por favor, para próximos pagos, nos ayudes con 1 cosita🙏🏻:',
      '👉🏻En el detalle siempre indicar tu ID WOLK {{organization.code}}',
      'Esto a futuro nos ayudará a poder aplicar tu pago con mayor facilidad 🙌🏻',
      'Muchas gracias 👋🏻',
    ].join('\n'),
  },
  // 003 (OpenPyme): "Mensaje para los tickets nuevos".
  {
    name: 'Acuse de recibo de ticket nuevo',
    body: [
      'Estimado/Estimada {{contact.name}}',
      'Su solicitud "{{ticket.subject}}" ha sido recibida y será revisada por el equipo de Soporte Técnico.',
      'La referencia de su ticket es {{ticket.number}}',
      'Para agregar algún comentario o bien solicitar información, solo responda a este correo.',
      'Saludos',
    ].join('\n'),
  },
];

/**
 * Adds the default shared macros that are not there yet (by name, deleted ones included, so a
 * second run or a macro an admin removed is left alone). Returns how many it created.
 */
export async function seedDefaultMacros(trx: Db, now: string): Promise<number> {
  const macros = macroRepository(trx);
  let created = 0;
  for (const macro of DEFAULT_MACROS) {
    if (await macros.sharedNamed(macro.name)) continue;
    if (macro.key && (await macros.findByKey(macro.key))) continue;
    await macros.insert({
      key: macro.key ?? null,
      id: newId(),
      name: macro.name,
      body: macro.body,
      actions: {},
      scope: 'shared',
      ownerId: null,
      departmentId: null,
      createdAt: now,
      updatedAt: now,
    });
    created++;
  }
  return created;
}

/**
 * The macros a workflow offers by key (the payment scripts of 002), added when missing; one seeded
 * earlier by name gets its key. A keyed macro an admin deleted stays deleted: the workflow then
 * offers nothing rather than bringing it back.
 */
export async function ensureKeyedMacros(trx: Db, now: string, prefix: string): Promise<void> {
  const macros = macroRepository(trx);
  for (const macro of DEFAULT_MACROS) {
    if (!macro.key?.startsWith(prefix) || (await macros.findByKey(macro.key))) continue;
    const named = await macros.sharedNamed(macro.name);
    if (named) {
      await macros.setKey(named.id, macro.key);
      continue;
    }
    await macros.insert({
      key: macro.key,
      id: newId(),
      name: macro.name,
      body: macro.body,
      actions: {},
      scope: 'shared',
      ownerId: null,
      departmentId: null,
      createdAt: now,
      updatedAt: now,
    });
  }
}
