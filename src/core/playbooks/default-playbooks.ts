import type { NewPlaybook } from './playbook.service.ts';

/**
 * Seed 000 (Wolk), "Anotaciones importantes con los clientes nuevos", as a playbook in its Spanish:
 * contacts and a WhatsApp greeting first; the migration (when the customer takes it) before the
 * billing training, which cannot be scheduled until it is done; training begins by asking the main
 * interest; follow-ups with the owner.
 */
export const WOLK_ONBOARDING: NewPlaybook = {
  name: 'Cliente nuevo Wolk',
  description: 'Anotaciones importantes con los clientes nuevos (Reglas generales de Soporte Wolk).',
  steps: [
    { title: 'Indicarle al cliente nuestros medios de contacto' },
    {
      title: 'Enviarle un mensaje desde nuestro WhatsApp de soporte',
      description: 'Para que el cliente tenga nuestro contacto.',
    },
    {
      title: 'Migración de inventario',
      description:
        'Si el cliente va a tomar la migración, dar prioridad a este caso antes de iniciar las configuraciones y demás casos, para que el cliente vaya trabajando en la plantilla mientras nosotros trabajamos en la configuración. Régimen tradicional: DOC MIGRACIÓN INVENTARIO TRADICIONAL; régimen simplificado: DOC MIGRACIÓN INVENTARIO SIMPLIFICADA.',
      optional: true,
    },
    {
      title: 'Consultar al cliente su mayor interés del uso del sistema',
      description:
        'Esto para orientar la capacitación según lo que el cliente necesite. Si la persona es el dueño, confirmar con él la parte configuracional del sistema.',
    },
    { title: 'Configuración del sistema', dependsOn: [4] },
    {
      title: 'Capacitación de facturación',
      description: 'No agendar hasta que la migración se haya efectuado.',
      dependsOn: [3, 4],
    },
    {
      title: 'Seguimiento con el dueño',
      description: 'Si el dueño indica que se consulte al administrador u otra persona, proceder de esa manera.',
      owner: 'account_leader',
      dependsOn: [6],
    },
  ],
};
