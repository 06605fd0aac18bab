import { MemberPath } from '@/components/members/member-path';

export default async function MemberPathPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <MemberPath memberId={decodeURIComponent(id)} />;
}
