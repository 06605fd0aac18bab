'use client';

import { GitBranch } from 'lucide-react';
import branchAttribute from '@/journey/nodes/branch-attribute';
import { BranchForm, type BranchFormSpec } from '../branch-forms';
import { defineKindUi, type KindForm } from './define';

/** 属性判断: rules on member attributes only. */
const spec: BranchFormSpec = { rules: ['attr'], starter: { attr: 'tier', op: 'eq', value: 'gold' } };
const BranchAttributeForm: KindForm<typeof branchAttribute> = (props) => <BranchForm spec={spec} {...props} />;

export default defineKindUi(branchAttribute, { icon: GitBranch, form: BranchAttributeForm });
