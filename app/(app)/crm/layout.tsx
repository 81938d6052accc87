import type { ReactNode } from 'react';
import { CrmTabs } from '../../components/crm/crm-tabs';
import '../../components/crm/crm.css';

/** The CRM (issue 12): persons, companies, projects and sales, one tab each. */
export default function CrmLayout({ children }: { children: ReactNode }) {
  return (
    <div className="crm">
      <CrmTabs />
      {children}
    </div>
  );
}
