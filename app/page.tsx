import { redirect } from 'next/navigation';

// The server sends visitors to /setup, /sign-in or /inbox before this renders; this is the fallback.
export default function Home() {
  redirect('/inbox');
}
