import { ApprovalsPage } from '@/components/approvals/approvals-page';

export default function Approvals() {
  return <ApprovalsPage />;
}
