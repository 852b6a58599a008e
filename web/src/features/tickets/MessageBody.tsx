import { Box, Button, Text, Tooltip } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../app/api-types.ts';
import classes from './Conversation.module.css';

/**
 * A message's text. The quoted earlier conversation of a mail (the range the server found when it
 * parsed it) is folded behind "…", as mail clients do; nothing of it is lost, one click shows it.
 */
export function MessageBody({ body, quote }: Pick<Message, 'body' | 'quote'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const quotedId = useId();
  if (!quote || quote.start >= quote.end || quote.end > body.length) {
    return (
      <Text className={classes.body} fz="sm" mt="sm">
        {body}
      </Text>
    );
  }
  const before = body.slice(0, quote.start).trimEnd();
  const quoted = body.slice(quote.start, quote.end).trim();
  const after = body.slice(quote.end).trim();
  const label = open ? t('conversation.hideQuoted') : t('conversation.showQuoted');
  return (
    <Box mt="sm">
      {before && (
        <Text className={classes.body} fz="sm">
          {before}
        </Text>
      )}
      <Tooltip label={label} withinPortal>
        <Button
          variant="light"
          color="gray"
          size="compact-xs"
          my={6}
          aria-label={label}
          aria-expanded={open}
          aria-controls={quotedId}
          onClick={() => setOpen((value) => !value)}
        >
          …
        </Button>
      </Tooltip>
      <Text id={quotedId} className={`${classes.body} ${classes.quoted}`} fz="sm" hidden={!open}>
        {quoted}
      </Text>
      {after && (
        <Text className={classes.body} fz="sm">
          {after}
        </Text>
      )}
    </Box>
  );
}
