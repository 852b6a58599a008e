/**
 * Seed 002 (Wolk), "¿Qué hago cuando recibimos un pago al WhatsApp de soporte?", as a protocol in
 * its original Spanish. Steps name their script by the macro's key (default-macros.ts).
 */
export const PAYMENT_PROTOCOL = {
  title: '¿Qué hago cuando recibimos un pago al WhatsApp de soporte?',
  scenario: 'El cliente, comparte el comprobante de pago',
  observations: [
    'Si el cliente tiene el sistema desactivo, lo necesita con urgencia y los compañeros no están disponibles, se debe mover la fecha del contrato 3 días y se debe crear un caso escalado a contabilidad reportando este cambio. Se informa y se envía el link del caso al número de SINPEMOVIL WOLK',
    'Si el monto pagado por el cliente, es menor al monto actual con IVA según contrato, se debe indicar al cliente, cuál es el monto a pagar y que tiene una diferencia pendiente, quedamos a la espera de la respuesta del cliente, continuamos con el proceso de compartir el pago a SINPEMOVIL WOLK',
  ].join('\n'),
  steps: [
    {
      text: 'Aplicar validación: revisar que el pago venga a nombre de la empresa. Fecha: validar que sea una fecha reciente. Comprobar que, en el motivo del pago, este agregado el ID Wolk del cliente',
    },
    { text: 'Usando el ID Wolk o el nombre del cliente, identificamos el contrato en el listado de clientes' },
    {
      text: 'Ya ubicado el contrato del cliente en el sistema de gestión, se debe identificar cuál es el monto mensual o anual, según contrato, adicionalmente, verificar la fecha fin de contrato, esto para determinar si el ID, se encuentra vencido',
    },
    {
      text: 'Luego, se debe hacer uso la plantilla Excel (CÁLCULO $ A COLONES), esto para apreciar el monto con impuesto',
    },
    {
      text: 'Reenviar el comprobante al contacto WhatsApp de soporte: SINPEMOVIL WOLK. Identificado, el # de ID Wolk y solicitar, la verificación y aplicación del pago. Si el ID, se encuentra vencido, se comenta que quedamos a la espera de la activación del ID',
    },
    {
      text: 'Confirmar al cliente el recibido del pago. Usar el SCRIPT #1: El comprobante del pago, está correcto y tiene el motivo de pago (SCRIPT #2 si el comprobante del pago no tiene el ID Wolk)',
      macroKey: 'payment.script1',
    },
    { text: 'Usar el SCRIPT #3: Cuando ya el pago está aplicado', macroKey: 'payment.script3' },
  ],
  scriptKeys: ['payment.script1', 'payment.script2', 'payment.script3'],
} as const;
