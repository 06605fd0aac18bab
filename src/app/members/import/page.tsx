import { MemberImport } from '@/components/members/member-import';

export default function MemberImportPage() {
  return <MemberImport />;
}
