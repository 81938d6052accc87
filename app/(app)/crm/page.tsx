import { redirect } from 'next/navigation';

/** /crm opens the persons: the list a salesperson looks up most. */
export default function CrmPage() {
  redirect('/crm/persons');
}
