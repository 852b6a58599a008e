import { IconAddressBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../app/SectionPage.tsx';

export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage
      icon={IconAddressBook}
      title={t('sections.contacts.title')}
      description={t('sections.contacts.description')}
      contents={[
        t('sections.contacts.items.channels'),
        t('sections.contacts.items.organization'),
        t('sections.contacts.items.history'),
        t('sections.contacts.items.portal'),
      ]}
    />
  );
}
