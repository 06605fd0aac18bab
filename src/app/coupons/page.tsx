import { CouponPools } from '@/components/coupons/coupon-pools';

export default function CouponsPage() {
  return <CouponPools />;
}
