/**
 * The version 1 test vector of docs/envelope-format.md ("Version 1 envelopes"): no binding.
 * Engines no longer seal version 1 but must keep opening it. Keep both in sync.
 */
export const TEST_VECTOR_V1 = {
  keyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  dataKey: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  encryptedDataKey: Buffer.from(Array.from({ length: 48 }, (_, i) => 0xa0 + i)),
  salt: Buffer.from(Array.from({ length: 32 }, (_, i) => 0x40 + i)),
  ivPrefix: 0x01020304,
  context: {
    'aws:sqs:arn': 'arn:aws:sqs:us-east-1:111122223333:Billing-Integration',
    Department: 'billing',
  },
  body: 'Hello, sealbus!',
  hkdfInfo: '7365616c6275732f656e76656c6f7065010001',
  aesKey: '14ff7167fe238acc6e6ad52e1cf630c0ea671d20884ce04968d690cd6be92995',
  commitment: '961532fb3456a935d72f2372da1ea3a39ba4edb7c44deb9a50e95461a09f5faf',
  canonicalContext:
    '0002000a4465706172746d656e74000762696c6c696e67000b6177733a7371733a61726e003661726e3a6177733a7371733a75732d656173742d313a3131313132323232333333333a42696c6c696e672d496e746567726174696f6e',
  envelope:
    'ff534245010001004b61726e3a6177733a6b6d733a75732d656173742d313a3131313132323232333333333a6b65792f31323334616263642d313261622d333463642d353665662d3132333435363738393061620030a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f961532fb3456a935d72f2372da1ea3a39ba4edb7c44deb9a50e95461a09f5faf010203040000000000000000643a852bf2d06ec4599bfdf2ebb8ddf99266f16a2018e9925b385a20d60322',
} as const;

/**
 * The version 2 test vector of docs/envelope-format.md ("Test vector"): the inputs of
 * version 1 plus a binding (an SQS message id). Keep both in sync.
 */
export const TEST_VECTOR = {
  ...TEST_VECTOR_V1,
  binding: '5fea7756-0ea4-451a-a703-a558b933e274',
  hkdfInfo: '7365616c6275732f656e76656c6f7065020001',
  aesKey: '3fb0b4ba39505244be3faf08899a20faabafb9f9c7591b21d9e6cfe59e385286',
  commitment: 'fd7d5e7d97e148c234aadb02c48e349ba913772b80ea07cd0446a7922c9c85b4',
  envelope:
    'ff534245020001004b61726e3a6177733a6b6d733a75732d656173742d313a3131313132323232333333333a6b65792f31323334616263642d313261622d333463642d353665662d3132333435363738393061620030a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5ffd7d5e7d97e148c234aadb02c48e349ba913772b80ea07cd0446a7922c9c85b40102030400000000000000009d90ff80b1418def6109db9d402c32621fa904dc40d766dd4f7027b4ffd31d',
} as const;
