import { MemberSearch } from '@/components/members/member-search';

export default function MembersPage() {
  return <MemberSearch />;
}
