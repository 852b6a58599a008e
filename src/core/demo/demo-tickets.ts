import type { Channel, Db } from '../../db/database.ts';
import type { Agent } from '../accounts/agent.repository.ts';
import type { ActivityInput } from '../conversation/activity.ts';
import { createServices, type Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';
import { manualClock } from '../shared/clock.ts';
import type { Flag, Priority } from '../tickets/ticket-vocabulary.ts';

const SYSTEM: Actor = { kind: 'system', reason: 'demo data' };
const HOUR = 3_600_000;

/** Customers of the demo week: the seeds' kind of clients in Costa Rica and Mexico. */
const CUSTOMERS = {
  mariana: {
    name: 'Mariana Solís Quesada',
    email: 'mariana.solis@cafetaleradelvalle.example',
    org: 'Cafetalera del Valle',
  },
  jorge: { name: 'Jorge Herrera Vargas', email: 'jherrera@distribuidoranorte.example', org: 'Distribuidora Norte' },
  lucia: { name: 'Lucía Campos', email: 'lucia.campos@colegiosanjose.example', org: 'Colegio San José' },
  andres: { name: 'Andrés Villalobos', email: 'andres@ferreteriaelpuente.example', org: 'Ferretería El Puente' },
  gabriela: { name: 'Gabriela Mora Chaves', email: 'gmora@clinicasantarita.example', org: 'Clínica Santa Rita' },
  paola: { name: 'Paola Jiménez', email: 'paola.jimenez@manufacturasatlas.example', org: 'Manufacturas Atlas' },
  ricardo: { name: 'Ricardo Núñez', phone: '+52 55 1234 5678', org: 'Manufacturas Atlas' },
  esteban: { name: 'Esteban Rojas', email: 'erojas@transportesrojas.example', org: 'Transportes Rojas' },
  valeria: { name: 'Valeria Castro', email: 'valeria@hotelbrisas.example', org: 'Hotel Brisas del Pacífico' },
  fernando: { name: 'Fernando Aguilar', phone: '+506 7012-3456', org: 'Panadería La Espiga' },
} as const;
type CustomerKey = keyof typeof CUSTOMERS;

/** What happens on a ticket, hours after it was opened. */
type Step =
  | { h: number; reply: string }
  | { h: number; customer: string }
  | { h: number; note: string }
  | { h: number; activity: ActivityInput & { body: string } }
  | { h: number; status: string; flag?: Flag | null }
  | { h: number; time: string; minutes: number; billable?: boolean }
  | { h: number; task: string; dueInHours: number }
  | { h: number; remindInHours: number; remind: string };

interface DemoTicket {
  /** Hours before now the ticket was opened. */
  ago: number;
  subject: string;
  body: string;
  from: CustomerKey;
  channel: Channel;
  type: string;
  category?: string;
  priority: Priority;
  department: string;
  /** Agent name; the admin is "admin". */
  assignee?: string;
  flag?: Flag;
  tags?: string[];
  steps?: Step[];
}

// Times are hours before now; steps are hours after the ticket opened. Statuses are the defaults'.
const TICKETS: DemoTicket[] = [
  {
    ago: 150,
    subject: 'No puedo emitir facturas electrónicas desde ayer',
    body: 'Buenos días, desde ayer el sistema muestra "Error 403 de Hacienda" al emitir facturas. Tenemos 40 facturas pendientes.',
    from: 'mariana',
    channel: 'email',
    type: 'Problema',
    priority: 'urgente',
    department: 'Soporte Técnico',
    assignee: 'Silvia Luna',
    tags: ['facturación', 'hacienda'],
    steps: [
      {
        h: 0.5,
        reply: 'Hola Mariana, ya lo estoy revisando. ¿Me confirmas si cambiaron la llave criptográfica esta semana?',
      },
      { h: 2, customer: 'Sí, la renovamos el lunes. Adjunto el correo de Hacienda.' },
      { h: 3, note: 'La llave nueva no se cargó en el certificado del emisor. Hay que subirla de nuevo.' },
      { h: 4, time: 'Revisión del certificado y carga de la llave nueva', minutes: 45 },
      {
        h: 5,
        reply: 'Listo: cargamos la llave nueva y emitimos una factura de prueba. Ya puedes enviar las pendientes.',
      },
      { h: 6, status: 'RESUELTO', flag: 'green' },
      { h: 60, status: 'CERRADO', flag: null },
    ],
  },
  {
    ago: 146,
    subject: 'Error 403 al emitir factura',
    body: 'Hola, escribo de nuevo por lo de las facturas, sigue saliendo el error 403.',
    from: 'mariana',
    channel: 'whatsapp',
    type: 'Problema',
    priority: 'alta',
    department: 'Soporte Técnico',
  },
  {
    ago: 140,
    subject: 'Cotización de 5 licencias adicionales',
    body: 'Queremos una cotización para 5 licencias más del módulo de inventario, para la bodega nueva.',
    from: 'jorge',
    channel: 'email',
    type: 'Consultoría',
    priority: 'normal',
    department: 'Ventas',
    assignee: 'Alicia Rodríguez',
    steps: [
      { h: 3, reply: 'Con gusto, Jorge. Te envío la cotización hoy antes de las 5 p. m.' },
      { h: 7, note: 'Cotización enviada por correo aparte (CT-2291). Seguimiento el viernes.' },
      { h: 8, status: 'PENDIENTE', flag: 'orange' },
    ],
  },
  {
    ago: 128,
    subject: 'Capacitación del módulo de notas para docentes nuevos',
    body: 'Entraron 6 docentes nuevos y necesitamos capacitarlos en el registro de notas antes del cierre del trimestre.',
    from: 'lucia',
    channel: 'phone',
    type: 'Tarea',
    category: 'Alta',
    priority: 'normal',
    department: 'Capacitación',
    assignee: 'Daniela Ortiz',
    tags: ['capacitación'],
    steps: [
      {
        h: 1,
        activity: {
          body: 'Llamada con Lucía para coordinar la capacitación.',
          contactPerson: 'Lucía Campos',
          medium: 'phone',
          reason: 'Coordinar capacitación de docentes nuevos',
          inputsReceived: 'Lista de 6 docentes y horario disponible: martes y jueves en la tarde',
          pendingItems: 'Enviar la invitación con el enlace de Teams',
        },
      },
      { h: 2, task: 'Preparar el material de la capacitación de notas', dueInHours: 48 },
      { h: 26, time: 'Capacitación virtual (primer grupo)', minutes: 90, billable: true },
      { h: 27, status: 'EN PROGRESO', flag: 'blue' },
    ],
  },
  {
    ago: 120,
    subject: 'La impresora de tiquetes no imprime el logo',
    body: 'Desde la actualización la impresora térmica de caja imprime el tiquete sin el logo de la ferretería.',
    from: 'andres',
    channel: 'chat',
    type: 'Soporte',
    priority: 'baja',
    department: 'Soporte Técnico',
    assignee: 'David Nieto',
    steps: [
      {
        h: 1,
        reply:
          'Hola Andrés: en Configuración > Impresión vuelve a subir el logo en blanco y negro (máximo 384 px de ancho).',
      },
      { h: 20, customer: 'Funcionó, muchas gracias.' },
      { h: 21, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 118,
    subject: 'Cambio de contraseña del usuario de recepción',
    body: 'La recepcionista olvidó su contraseña y el usuario quedó bloqueado.',
    from: 'gabriela',
    channel: 'phone',
    type: 'Soporte',
    category: 'Contraseña',
    priority: 'alta',
    department: 'Soporte Técnico',
    assignee: 'Rigoberto Vera',
    steps: [
      { h: 0.3, reply: 'Desbloqueamos el usuario y enviamos una contraseña temporal al correo de la recepción.' },
      { h: 0.4, time: 'Desbloqueo de usuario', minutes: 10 },
      { h: 0.5, status: 'CERRADO' },
    ],
  },
  {
    ago: 110,
    subject: 'Configurar el MRP para la planta de Querétaro',
    body: 'Necesitamos configurar el MRP para la nueva planta: almacenes, centros de trabajo y calendarios.',
    from: 'paola',
    channel: 'teams',
    type: 'Configuración',
    category: 'Configuración de plataforma',
    priority: 'alta',
    department: 'Consultoría',
    assignee: 'Adolfo Sierra',
    tags: ['XA-MRP'],
    steps: [
      {
        h: 2,
        activity: {
          body: 'Sesión de levantamiento por Teams.',
          contactPerson: 'Paola Jiménez',
          medium: 'teams',
          reason: 'Levantamiento de la planta nueva',
          inputsReceived: 'Layout de la planta y lista de centros de trabajo',
          inputsGiven: 'Plantilla de parámetros del MRP',
          pendingItems: 'Paola envía los calendarios de turnos',
        },
      },
      { h: 3, time: 'Levantamiento con la planta', minutes: 120, billable: true },
      { h: 4, status: 'EN ESPERA', flag: 'orange' },
      { h: 50, customer: 'Adjunto los calendarios de turnos de la planta.' },
      { h: 52, status: 'EN PROGRESO', flag: 'blue' },
      { h: 54, time: 'Configuración de almacenes y centros de trabajo', minutes: 150, billable: true },
    ],
  },
  {
    ago: 100,
    subject: 'Reporte de ventas por vendedor sale en blanco',
    body: 'El reporte de ventas por vendedor de octubre sale vacío, aunque sí hubo ventas.',
    from: 'jorge',
    channel: 'email',
    type: 'Problema',
    category: 'Reporte',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'Eleazar González',
    steps: [
      { h: 4, reply: 'Gracias, Jorge. ¿Puedes decirme qué filtros usaste (sucursal, rango de fechas)?' },
      { h: 30, note: 'El cliente no ha respondido. Lo llamo mañana temprano.' },
      { h: 31, status: 'PENDIENTE', flag: 'orange' },
    ],
  },
  {
    ago: 96,
    subject: 'Alta de 3 usuarios para el área de compras',
    body: 'Por favor crear usuarios para Ana Ruiz, Pedro Salas y Marta León, con permisos de compras.',
    from: 'esteban',
    channel: 'email',
    type: 'Tarea',
    category: 'Alta',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'Laura Arenas',
    steps: [
      { h: 2, reply: 'Usuarios creados. Cada uno recibirá su contraseña por correo.' },
      { h: 2.2, time: 'Alta de usuarios', minutes: 20 },
      { h: 3, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 90,
    subject: 'Solicitud de desarrollo: integración con la central de reservas',
    body: 'Queremos que las reservas de la central entren solas al sistema del hotel. ¿Es posible un desarrollo a la medida?',
    from: 'valeria',
    channel: 'email',
    type: 'Cambio',
    priority: 'normal',
    department: 'Desarrollo',
    steps: [{ h: 6, note: 'Pasa a Desarrollo para estimar. Pedir el API de la central.' }],
  },
  {
    ago: 80,
    subject: 'Pedido no se sincroniza con la tienda en línea',
    body: 'Los pedidos del fin de semana no aparecen en el sistema. Es urgente, son más de 30.',
    from: 'fernando',
    channel: 'whatsapp',
    type: 'Problema',
    priority: 'critica',
    department: 'Soporte Técnico',
    assignee: 'David Nieto',
    flag: 'blue',
    steps: [
      { h: 0.2, reply: 'Hola Fernando, ya estamos revisando la sincronización.' },
      { h: 1, note: 'El token de la tienda venció el sábado. Renovado; reprocesando la cola.' },
      { h: 1.5, time: 'Diagnóstico y renovación del token', minutes: 40 },
      { h: 2, reply: 'Ya entraron los 34 pedidos. Revisa por favor que estén todos.' },
      { h: 30, customer: 'Sí, están todos. Gracias por la rapidez.' },
      { h: 31, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 75,
    subject: 'Consulta sobre el cierre contable de noviembre',
    body: '¿Cuál es el procedimiento para el cierre de noviembre con el nuevo catálogo de cuentas?',
    from: 'gabriela',
    channel: 'email',
    type: 'Consultoría',
    priority: 'normal',
    department: 'Consultoría',
    assignee: 'Araceli Cruz Cruz',
    steps: [
      {
        h: 5,
        reply: 'Te comparto la guía del cierre con el catálogo nuevo. Podemos agendar una sesión si lo prefieres.',
      },
      { h: 30, customer: 'Sí, agendemos una sesión por favor.' },
      {
        h: 31,
        activity: {
          body: 'Sesión agendada con Gabriela para el cierre contable.',
          contactPerson: 'Gabriela Mora Chaves',
          medium: 'teams',
          reason: 'Cierre contable de noviembre',
          pendingItems: 'Sesión por Teams',
        },
      },
      { h: 32, status: 'EN ESPERA', flag: 'orange' },
    ],
  },
  {
    ago: 72,
    subject: 'Cambio de precio masivo de la lista de ferretería',
    body: 'Necesito subir 8 % los precios de toda la familia de tornillería. ¿Se puede hacer de una vez?',
    from: 'andres',
    channel: 'portal',
    type: 'Cambio',
    category: 'Modificación',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'Rigoberto Vera',
    steps: [
      { h: 3, reply: 'Sí: en Inventario > Precios > Actualización masiva eliges la familia y el porcentaje.' },
      { h: 4, status: 'PENDIENTE' },
    ],
  },
  {
    ago: 70,
    subject: 'La plataforma de notas no carga para los padres',
    body: 'Varios padres reportan que el portal de notas se queda en blanco en el celular.',
    from: 'lucia',
    channel: 'email',
    type: 'Problema',
    priority: 'alta',
    department: 'Educación',
    assignee: 'Lucero Gómez',
    flag: 'blue',
    steps: [
      { h: 1, reply: 'Gracias por avisar, Lucía. ¿Sabes qué navegador usan? Estamos reproduciéndolo.' },
      { h: 3, note: 'El problema es solo con Safari en iOS 16. Escalo a Sistemas.' },
      { h: 4, time: 'Reproducción en distintos navegadores', minutes: 35 },
    ],
  },
  {
    ago: 60,
    subject: 'Timbrado CFDI 4.0 rechazado por régimen fiscal',
    body: 'El SAT rechaza el timbrado: "El régimen fiscal del receptor no corresponde". Es para el cliente Grupo Alfa.',
    from: 'paola',
    channel: 'email',
    type: 'Soporte',
    priority: 'alta',
    department: 'Soporte Técnico',
    assignee: 'Eleazar González',
    tags: ['SL-CFDI'],
    steps: [
      { h: 2, reply: 'Paola, el receptor debe tener el régimen 601 en su ficha. Lo corregimos juntos si gustas.' },
      { h: 3, customer: 'Ya lo cambié y timbró bien. Gracias.' },
      { h: 3.5, time: 'Revisión del régimen fiscal', minutes: 25 },
      { h: 4, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 54,
    subject: 'Llamada: no puede ingresar al sistema de bodega',
    body: 'El encargado de bodega llama porque la terminal de inventario dice "licencia vencida".',
    from: 'ricardo',
    channel: 'phone',
    type: 'Soporte',
    priority: 'urgente',
    department: 'Soporte Técnico',
    assignee: 'Silvia Luna',
    tags: ['XA-LICENCIA'],
    steps: [
      {
        h: 0.5,
        activity: {
          body: 'Llamada con Ricardo: la licencia del WMS venció el día 1.',
          contactPerson: 'Ricardo Núñez',
          medium: 'phone',
          reason: 'Licencia vencida en la terminal de bodega',
          solution: 'Se aplicó una licencia temporal por 15 días',
          pendingItems: 'Renovar la licencia anual',
        },
      },
      { h: 1, time: 'Licencia temporal', minutes: 20 },
      { h: 2, status: 'EN ESPERA', flag: 'orange' },
    ],
  },
  {
    ago: 50,
    subject: 'Revisión de la configuración de impuestos para exportación',
    body: 'Vamos a exportar café a Europa. ¿Qué cambios hay que hacer en los impuestos del sistema?',
    from: 'mariana',
    channel: 'email',
    type: 'Consultoría',
    priority: 'normal',
    department: 'Consultoría',
    assignee: 'José Maximino Raúl Tlaxcala Trujillo',
    steps: [{ h: 6, reply: 'Hola Mariana, te propongo una sesión de una hora para revisarlo. ¿Te sirve el jueves?' }],
  },
  {
    ago: 48,
    subject: 'Migrar el catálogo de productos al nuevo formato',
    body: 'Tarea interna: pasar el catálogo de la Ferretería El Puente al formato de importación nuevo.',
    from: 'andres',
    channel: 'internal',
    type: 'Tarea',
    priority: 'baja',
    department: 'Sistemas',
    assignee: 'Saray Méndez',
    steps: [{ h: 1, status: 'BACKLOG' }],
  },
  {
    ago: 46,
    subject: 'Factura duplicada en el estado de cuenta',
    body: 'En el estado de cuenta aparece dos veces la factura FE-10234. ¿Me la pueden anular?',
    from: 'esteban',
    channel: 'email',
    type: 'Soporte',
    category: 'Corrección',
    priority: 'normal',
    department: 'Contabilidad',
    steps: [{ h: 20, note: 'Contabilidad: revisar si se emitió nota de crédito.' }],
  },
  {
    ago: 40,
    subject: 'El check-in no asigna habitación automáticamente',
    body: 'Desde ayer el check-in deja la habitación en blanco y hay que asignarla a mano.',
    from: 'valeria',
    channel: 'skype',
    type: 'Problema',
    priority: 'alta',
    department: 'Soporte Técnico',
    assignee: 'Laura Arenas',
    steps: [
      { h: 1, reply: 'Valeria, ¿pasa con todas las categorías de habitación o solo con las suites?' },
      { h: 2, customer: 'Solo con las suites.' },
      { h: 3, note: 'Las suites quedaron sin tarifa para diciembre; por eso no se asignan.' },
      { h: 3.5, status: 'EN PROGRESO', flag: 'blue' },
    ],
  },
  {
    ago: 36,
    subject: 'Solicitud de asesoría para el inventario físico anual',
    body: 'Queremos hacer el inventario físico de fin de año con las terminales. ¿Nos ayudan con una asesoría?',
    from: 'jorge',
    channel: 'advisory',
    type: 'Consultoría',
    priority: 'normal',
    department: 'Consultoría',
  },
  {
    ago: 30,
    subject: 'Error al cerrar caja: diferencia de ₡1.500',
    body: 'Al cerrar caja aparece una diferencia de ₡1.500 que no cuadra con los tiquetes del día.',
    from: 'fernando',
    channel: 'whatsapp',
    type: 'Soporte',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'David Nieto',
    steps: [
      { h: 2, reply: 'Hola Fernando, ¿me envías foto del cierre y del último tiquete del día?' },
      { h: 3, status: 'PENDIENTE' },
    ],
  },
  {
    ago: 28,
    subject: 'Agregar campo de alergias en el expediente',
    body: 'Necesitamos un campo obligatorio de alergias en el expediente del paciente.',
    from: 'gabriela',
    channel: 'email',
    type: 'Cambio',
    category: 'Modificación',
    priority: 'normal',
    department: 'Desarrollo',
    assignee: 'Rigoberto Vera',
    steps: [{ h: 3, note: 'Estimado en 6 horas. Esperando aprobación de la cotización.' }],
  },
  {
    ago: 26,
    subject: 'No llegan los correos de recuperación de contraseña',
    body: 'Los padres dicen que el correo para recuperar la contraseña nunca llega.',
    from: 'lucia',
    channel: 'email',
    type: 'Problema',
    category: 'Contraseña',
    priority: 'alta',
    department: 'Educación',
    assignee: 'Saray Méndez',
  },
  {
    ago: 20,
    subject: 'Actualización de la versión del punto de venta',
    body: 'Queremos programar la actualización del punto de venta un domingo para no parar la tienda.',
    from: 'andres',
    channel: 'phone',
    type: 'Tarea',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'admin',
    steps: [
      { h: 1, reply: 'Perfecto, Andrés. Agendamos la actualización para este domingo a las 7 a. m.' },
      { h: 1.2, remindInHours: 40, remind: 'Confirmar con Andrés la ventana del domingo' },
      { h: 1.5, status: 'EN ESPERA' },
    ],
  },
  {
    ago: 18,
    subject: 'Solicitud de baja de usuario',
    body: 'Favor dar de baja al usuario de Pedro Salas, ya no trabaja con nosotros.',
    from: 'esteban',
    channel: 'email',
    type: 'Tarea',
    category: 'Baja',
    priority: 'normal',
    department: 'Soporte Técnico',
    assignee: 'admin',
    steps: [
      { h: 1, reply: 'Listo, Esteban: el usuario de Pedro Salas quedó inactivo.' },
      { h: 1.1, time: 'Baja de usuario', minutes: 5 },
      { h: 1.2, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 14,
    subject: 'Lentitud general del sistema en la planta',
    body: 'Desde la mañana todo está muy lento en la planta, las órdenes de producción tardan minutos en abrir.',
    from: 'paola',
    channel: 'email',
    type: 'Problema',
    priority: 'urgente',
    department: 'Soporte Técnico',
    assignee: 'Adolfo Sierra',
    flag: 'blue',
    tags: ['SL-MFG'],
    steps: [
      { h: 0.5, reply: 'Paola, estamos revisando el servidor de la planta. Te aviso en cuanto tenga novedades.' },
      { h: 2, note: 'El respaldo nocturno quedó corriendo. Se detuvo y se reprogramó.' },
      { h: 2.5, time: 'Diagnóstico del servidor de planta', minutes: 60 },
    ],
  },
  {
    ago: 10,
    subject: 'Cotización de personalización del reporte de inventario',
    body: 'Queremos cotizar una personalización del reporte de inventario con la foto del producto.',
    from: 'jorge',
    channel: 'email',
    type: 'Cambio',
    priority: 'baja',
    department: 'Ventas',
  },
  {
    ago: 8,
    subject: 'Reserva duplicada en el sistema',
    body: 'Una misma reserva aparece dos veces y bloquea dos habitaciones.',
    from: 'valeria',
    channel: 'email',
    type: 'Soporte',
    priority: 'alta',
    department: 'Soporte Técnico',
    assignee: 'admin',
  },
  {
    ago: 6,
    subject: 'Consulta: ¿cómo exporto las notas a Excel?',
    body: 'Hola, ¿cómo puedo exportar las notas del trimestre a Excel para el MEP?',
    from: 'lucia',
    channel: 'portal',
    type: 'Soporte',
    priority: 'baja',
    department: 'Educación',
    assignee: 'Lucero Gómez',
    steps: [
      { h: 0.5, reply: 'Hola Lucía: en Notas > Reportes eliges el trimestre y pulsas «Exportar a Excel».' },
      { h: 1, status: 'RESUELTO', flag: 'green' },
    ],
  },
  {
    ago: 5,
    subject: 'No se puede imprimir la planilla de diciembre',
    body: 'La planilla de diciembre da error al imprimir: "Período no abierto".',
    from: 'mariana',
    channel: 'phone',
    type: 'Soporte',
    priority: 'alta',
    department: 'Soporte Técnico',
  },
  {
    ago: 4,
    subject: 'Servidor caído en la sucursal de Liberia',
    body: 'La sucursal de Liberia no puede facturar: el servidor no responde desde hace una hora.',
    from: 'fernando',
    channel: 'phone',
    type: 'Problema',
    priority: 'critica',
    department: 'Soporte Técnico',
    assignee: 'Silvia Luna',
  },
  {
    ago: 3,
    subject: 'Pregunta sobre el contrato de soporte',
    body: '¿El contrato de soporte incluye las capacitaciones de los usuarios nuevos?',
    from: 'esteban',
    channel: 'email',
    type: 'Consultoría',
    priority: 'normal',
    department: 'Ventas',
  },
  {
    ago: 2,
    subject: 'Terminal de inventario no lee códigos de barras',
    body: 'La terminal nueva no lee los códigos de barras de los productos importados.',
    from: 'ricardo',
    channel: 'phone',
    type: 'Soporte',
    priority: 'alta',
    department: 'Soporte Técnico',
    assignee: 'David Nieto',
    tags: ['SL-BARCODE'],
  },
  {
    ago: 1.5,
    subject: 'El sistema no calcula el IVA en las notas de crédito',
    body: 'Las notas de crédito salen sin IVA desde hoy en la mañana.',
    from: 'gabriela',
    channel: 'email',
    type: 'Problema',
    priority: 'urgente',
    department: 'Soporte Técnico',
  },
  {
    ago: 1,
    subject: 'Solicitud de capacitación en facturación para el personal nuevo',
    body: 'Ingresaron 2 personas a facturación y necesitan una capacitación básica.',
    from: 'valeria',
    channel: 'email',
    type: 'Tarea',
    priority: 'normal',
    department: 'Capacitación',
  },
  {
    ago: 0.5,
    subject: 'No abre el módulo de compras',
    body: 'Al abrir Compras aparece "Acceso denegado" para todo el equipo.',
    from: 'esteban',
    channel: 'chat',
    type: 'Soporte',
    priority: 'alta',
    department: 'Soporte Técnico',
  },
];

/** The ticket split from the invoices ticket: the customer brought a second topic. */
const SPLIT = {
  from: 0,
  h: 1,
  subject: 'Consulta sobre notas de crédito en dólares',
  body: 'La clienta pregunta además cómo emitir notas de crédito en dólares.',
};
/** The WhatsApp duplicate of the invoices ticket is merged into it. */
const MERGE = { source: 1, target: 0, h: 7 };

export interface DemoTicketsResult {
  tickets: number;
}

/**
 * A realistic week at the help desk through the domain services, with a clock moved along the
 * week so every timestamp, SLA target and history entry is consistent and relative to `now`.
 * Only on a desk without tickets, so running it again adds nothing.
 */
export async function seedDemoTickets(db: Db, now: Date, adminEmail: string): Promise<DemoTicketsResult> {
  const clock = manualClock(now);
  const services = createServices({ db, clock });
  const existing = await services.tickets.list(SYSTEM, { query: {}, limit: 1 });
  if (existing.items.length > 0) return { tickets: 0 };

  const agents = new Map<string, Agent>();
  for (const agent of (await services.agents.list(SYSTEM, { limit: 200 })).items) {
    agents.set(agent.email === adminEmail ? 'admin' : agent.name, agent);
  }
  const departments = new Map(
    (await services.departments.list(SYSTEM, { limit: 200 })).items.map((d) => [d.name, d.id] as const),
  );
  // Work of an agent who is not there (the admin, when `seed --demo` runs on another install) is the supervisor's.
  const actorFor = (name: string | undefined): Actor => {
    const agent = (name ? agents.get(name) : undefined) ?? agents.get('Alicia Rodríguez');
    return agent
      ? { kind: 'agent', id: agent.id, role: agent.role, departmentIds: agent.departmentIds, locale: 'es' }
      : SYSTEM;
  };

  // Every creation and step of the week, oldest first, so the clock only moves forward.
  const ids: string[] = [];
  const events: { hoursAgo: number; run: () => Promise<void> }[] = [];
  TICKETS.forEach((demo, index) => {
    const customer = CUSTOMERS[demo.from];
    const actor = actorFor(demo.assignee ?? 'Alicia Rodríguez');
    events.push({
      hoursAgo: demo.ago,
      run: async () => {
        const ticket = await services.tickets.create(
          demo.channel === 'email' ? SYSTEM : actor,
          {
            subject: demo.subject,
            body: demo.body,
            requester: {
              name: customer.name,
              ...('email' in customer ? { email: customer.email } : { phone: customer.phone }),
            },
            organization: { name: customer.org },
            channel: demo.channel,
            type: demo.type,
            category: demo.category ?? null,
            priority: demo.priority,
            departmentId: departments.get(demo.department) ?? null,
            assigneeId: demo.assignee ? (agents.get(demo.assignee)?.id ?? null) : null,
            flag: demo.flag ?? null,
            tags: demo.tags ?? [],
          },
          // Nothing to send for a week that already happened.
          { acknowledge: false },
        );
        ids[index] = ticket.id;
      },
    });
    for (const step of demo.steps ?? []) {
      events.push({
        hoursAgo: demo.ago - step.h,
        run: () => applyStep(services, ids[index] as string, step, actor, clock.now()),
      });
    }
  });
  const target = TICKETS[MERGE.target] as DemoTicket;
  events.push({
    hoursAgo: target.ago - MERGE.h,
    run: async () => {
      await services.tickets.merge(actorFor(target.assignee), ids[MERGE.source] as string, ids[MERGE.target] as string);
    },
  });
  const original = TICKETS[SPLIT.from] as DemoTicket;
  events.push({
    hoursAgo: original.ago - SPLIT.h,
    run: async () => {
      await services.tickets.split(actorFor(original.assignee), ids[SPLIT.from] as string, {
        subject: SPLIT.subject,
        body: SPLIT.body,
      });
    },
  });

  events.sort((a, b) => b.hoursAgo - a.hoursAgo);
  // The SLA scan runs along the week too, as history: otherwise the clocks would stand where the
  // week left them and the first real scan would announce every breach of that invented past.
  for (const event of events.filter((e) => e.hoursAgo > 0)) {
    clock.set(new Date(now.getTime() - event.hoursAgo * HOUR));
    await services.automation.settleSla();
    await event.run();
  }
  clock.set(now);
  await services.automation.settleSla();
  // The week already happened: its replies and notices are history, not mail to send now (to
  // demo addresses, through whatever SMTP server the install has). The desk had no tickets
  // before, so every ticket's outbox item is the demo's.
  await db.deleteFrom('outbox').where('ticket_id', 'is not', null).where('status', '=', 'pending').execute();
  return { tickets: ids.length + 1 };
}

async function applyStep(services: Services, ticketId: string, step: Step, actor: Actor, now: Date): Promise<void> {
  if ('reply' in step) {
    const ticket = await services.tickets.get(SYSTEM, ticketId);
    const contact = await services.contacts.get(SYSTEM, ticket.requesterId);
    if (contact.emails.length > 0) {
      await services.messages.add(actor, ticketId, { kind: 'reply', body: step.reply });
    } else {
      // A customer with only a phone is answered there; until the WhatsApp channel exists the
      // agent logs that answer as an activity (replies are refused on channels that cannot deliver).
      await services.messages.add(actor, ticketId, {
        kind: 'activity',
        body: step.reply,
        activity: {
          contactPerson: contact.name,
          medium: ticket.channel === 'whatsapp' ? 'whatsapp' : 'phone',
          reason: ticket.subject,
        },
      });
    }
  } else if ('customer' in step) {
    const ticket = await services.tickets.get(SYSTEM, ticketId);
    const contact = await services.contacts.get(SYSTEM, ticket.requesterId);
    const customer: Actor = {
      kind: 'contact',
      id: contact.id,
      organizationId: contact.organizationId,
      organizationRole: 'member',
      locale: 'es',
    };
    await services.messages.add(customer, ticketId, {
      kind: 'reply',
      body: step.customer,
      channel: 'email',
      via: 'email',
    });
  } else if ('note' in step) {
    await services.messages.add(actor, ticketId, { kind: 'note', body: step.note });
  } else if ('activity' in step) {
    const { body, ...activity } = step.activity;
    await services.messages.add(actor, ticketId, { kind: 'activity', body, activity });
  } else if ('status' in step) {
    await services.tickets.update(actor, ticketId, {
      status: step.status,
      ...(step.flag !== undefined && { flag: step.flag }),
    });
  } else if ('time' in step) {
    await services.timeEntries.add(actor, ticketId, {
      description: step.time,
      duration: step.minutes,
      billable: step.billable ?? false,
    });
  } else if ('task' in step) {
    await services.tasks.create(actor, ticketId, {
      title: step.task,
      dueAt: new Date(now.getTime() + step.dueInHours * HOUR).toISOString(),
    });
  } else {
    await services.reminders.create(actor, ticketId, {
      remindAt: new Date(now.getTime() + step.remindInHours * HOUR).toISOString(),
      note: step.remind,
    });
  }
}
