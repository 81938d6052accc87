import { passwordProblem } from '../auth/password.ts';
import { AppError } from '../errors.ts';

/** Deliberately loose: one @, something on each side, no spaces. The mailbox itself is the real test. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateNewUser(input: { name: string; email: string; password: string }): { name: string; email: string } {
  const name = input.name.trim();
  const email = input.email.trim().toLowerCase();
  if (!name) throw new AppError('BAD_USER_INPUT', { field: 'name', message: 'Enter a name.' });
  if (name.length > 200) throw new AppError('BAD_USER_INPUT', { field: 'name', message: 'Name is too long.' });
  if (!EMAIL.test(email)) throw new AppError('BAD_USER_INPUT', { field: 'email', message: 'Enter a valid e-mail address.' });
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('BAD_USER_INPUT', { field: 'password', message: problem });
  return { name, email };
}
