// The cdktn-constructs group (jest.config.js): bedrock-pt's constructs load CDK Terrain instead of cdktf.
process.env.BEDROCK_PT_CDK = 'cdktn';
