import type { KbService } from '../kb/kb.service.ts';
import type { Actor } from '../shared/actor.ts';

/**
 * Seed 000 (Wolk's "REGLAS GENERALES", a page of their own help centre), kept in its original
 * Spanish: the rules for agents are internal articles of "Reglas generales", in the seed's order.
 */
const GENERAL_RULES: { slug: string; title: string; body: string }[] = [
  {
    slug: 'generalidades-del-departamento-de-soporte',
    title: 'Generalidades del departamento de soporte',
    body: [
      '1. No olvidemos dar el mejor servicio al cliente como siempre lo hemos hecho, transmitir mucha alegría y seguridad al conversar con nuestros clientes.',
      '2. Dar seguimiento a los clientes nuevos, estemos al pendiente que estén claros en dudas y con el funcionamiento del sistema sin problemas.',
      '3. Mantener la casilla del planner de los procesos actualizada.',
      '4. Anotaciones importantes con los clientes nuevos:',
      '   - Indicarle nuestros medios de contacto.',
      '   - Enviarle un mensaje desde nuestro WhatsApp de soporte para que el cliente tenga nuestro contacto.',
      '   - Si el cliente va a tomar la migración, dar prioridad a este caso antes de iniciar las configuraciones y demás casos, para que el cliente vaya trabajando en la plantilla mientras nosotros trabajamos en la configuración.',
      '',
      '*Cuando el cliente no tiene headset:* enviarle por WhatsApp el link de descarga de Skype para el celular y agregarlo al grupo (con el correo personal o bien con el mismo de la PC). Si no tuviese campo para descargar la app Skype, enviarle un link de Teams y conectarse por ese medio.',
    ].join('\n'),
  },
  {
    slug: 'casos-de-soporte-registro-de-actividades',
    title: 'Casos de soporte: registro de actividades',
    body: [
      '1. Debe registrarse 1 actividad por interacción con el cliente.',
      '2. Ser lo más específico posible.',
      '3. Nombre de la persona con quién se interactúa.',
      '4. Medio de interacción (correo, WhatsApp, central, Skype).',
      '5. Motivo de contacto.',
      '6. Insumos que brinda el cliente o le brinda Soporte Wolk al cliente.',
      '7. Pendientes del caso.',
      '8. Descripción de la solución.',
      '9. Indicar si se aplicó algún protocolo.',
      '10. Si se agenda alguna llamada o sesión con el cliente, indicar el día y hora, dejarla asentada en Outlook con copia a los compañeros de soporte y supervisor.',
    ].join('\n'),
  },
  {
    slug: 'migracion-de-inventario',
    title: 'Migración de inventario: ¿cuál planilla utilizar?',
    body: [
      'Si el cliente va a realizar migración de inventario, **no agendar capacitación de facturación hasta que la migración se haya efectuado.**',
      '',
      '## Régimen tradicional: DOC MIGRACIÓN INVENTARIO TRADICIONAL',
      'Se utiliza cuando el cliente desea llevar un control y detalle de todos los elementos para crear productos (código, tipo de código, CABYS, producto o servicio, precio compra, utilidad, impuestos, proveedor, localización, unidades de medida, existencia actual y mínima, unidades a reponer, actualizar precios de la última compra registrada, observaciones).',
      '',
      '## Régimen simplificado: DOC MIGRACIÓN INVENTARIO SIMPLIFICADA',
      'Se utiliza cuando el cliente es simplificado y no requiere usar todos los detalles del producto (nombre, CABYS, código, categoría, impuesto, precio final).',
      '',
      'Se puede utilizar también DOC MIGRACIÓN INVENTARIO TRADICIONAL siempre y cuando indique el impuesto y CABYS.',
      '',
      'Si el cliente simplificado no va a realizar facturación electrónica, no es requerido que complete CABYS y el impuesto igualmente debe ir vacío.',
    ].join('\n'),
  },
  {
    slug: 'facturacion-urgente',
    title: 'Facturación urgente de un cliente nuevo',
    body: [
      'Si al cliente le urge facturar, darle la opción de que lo realice desde la web.',
      '',
      'Crearle unos productos genéricos, para que el cliente los pueda modificar (nombre y precio al facturar) y solvente la urgencia.',
    ].join('\n'),
  },
  {
    slug: 'capacitacion-y-seguimientos',
    title: 'Capacitación y seguimientos',
    body: [
      '## Capacitación',
      'Se debe consultar al cliente siempre antes de iniciar:',
      '',
      '1. ¿Cuál es su mayor interés del uso del sistema? Esto para orientar la capacitación según lo que el cliente necesite.',
      '',
      'Y si la persona es el dueño, confirmar con él la parte configuracional del sistema.',
      '',
      '## Seguimientos',
      '1. Hacerlos con el dueño.',
      '2. Si el dueño indica, consulta al administrador u otra persona, entonces proceder de esa manera.',
    ].join('\n'),
  },
];

/** Creates "Reglas generales" and its articles unless a category with that slug exists already. */
export async function seedGeneralRules(kb: KbService, actor: Actor): Promise<void> {
  if ((await kb.categories(actor)).some((c) => c.slug === 'reglas-generales')) return;
  const category = await kb.createCategory(actor, {
    name: 'Reglas generales',
    slug: 'reglas-generales',
    description: 'Reglas del departamento de soporte para agentes.',
  });
  for (const [i, rule] of GENERAL_RULES.entries()) {
    await kb.createArticle(actor, { ...rule, categoryId: category.id, visibility: 'internal', position: i + 1 });
  }
}
