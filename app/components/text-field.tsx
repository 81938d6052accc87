'use client';
import { useId, type InputHTMLAttributes } from 'react';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  /** Keep the error line's room while there is no error, so the form below does not jump when one appears. */
  reserveError?: boolean;
};

/** A labelled input whose error is tied to it for screen readers (aria-describedby). */
export function TextField({ label, error, reserveError = false, ...input }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error || reserveError ? (
        <p className={error ? 'field-error' : 'field-error reserved'} id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
