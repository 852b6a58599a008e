import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorView } from './ErrorPage.tsx';

type BoundaryProps = { onReset: () => void; children: ReactNode };
type BoundaryState = { error: unknown; failed: boolean };

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Tiquete: a section failed to render', error, info.componentStack);
  }

  private retry = () => {
    this.props.onReset();
    this.setState({ error: undefined, failed: false });
  };

  override render() {
    if (this.state.failed) return <ErrorView kind="error" error={this.state.error} onRetry={this.retry} />;
    return this.props.children;
  }
}

/**
 * Catches what a query threw while rendering (suspense queries, `throwOnError`) and offers a
 * retry that refetches, while the shell around it stays usable.
 */
export function QueryErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>{({ reset }) => <Boundary onReset={reset}>{children}</Boundary>}</QueryErrorResetBoundary>
  );
}
