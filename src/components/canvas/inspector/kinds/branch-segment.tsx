'use client';

import { Users } from 'lucide-react';
import branchSegment from '@/journey/nodes/branch-segment';
import { BranchForm, type BranchFormSpec } from '../branch-forms';
import { defineKindUi, type KindForm } from './define';

/** 群组判断: rules on segments, groups and tags only. */
const spec: BranchFormSpec = { rules: ['segment', 'tag'], starter: { tag: 'vip' } };
const BranchSegmentForm: KindForm<typeof branchSegment> = (props) => <BranchForm spec={spec} {...props} />;

export default defineKindUi(branchSegment, { icon: Users, form: BranchSegmentForm });
