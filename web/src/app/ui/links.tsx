import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

// Mantine's polymorphic `component={Link}` loses the router's typed `to`/`params`; these
// wrappers keep both Mantine's look and type-checked routes (TanStack's createLink recipe).

type AnchorBaseProps = Omit<AnchorProps, 'href'> &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };

function MantineAnchor(props: AnchorBaseProps) {
  return <Anchor {...props} />;
}

const CreatedAnchorLink = createLink(MantineAnchor);

/** A Mantine Anchor that navigates inside the console: `<AnchorLink to="/tickets/$ticketRef" params={…}>`. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);

type NavLinkBaseProps = Omit<NavLinkProps, 'href'> &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style' | 'onChange'> & { ref?: Ref<HTMLAnchorElement> };

function MantineNavLink(props: NavLinkBaseProps) {
  return <NavLink component="a" {...props} />;
}

const CreatedNavLink = createLink(MantineNavLink);

/** A Mantine NavLink for the console's navigation, with typed routes. */
export const NavRouterLink: LinkComponent<typeof MantineNavLink> = (props) => (
  <CreatedNavLink preload="intent" {...props} />
);

type ButtonBaseProps = ButtonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };

function MantineButtonAnchor(props: ButtonBaseProps) {
  return <Button component="a" {...props} />;
}

const CreatedButtonLink = createLink(MantineButtonAnchor);

/** A link that looks like a Mantine Button (a page to go to, not an action), with typed routes. */
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => (
  <CreatedButtonLink preload="intent" {...props} />
);
