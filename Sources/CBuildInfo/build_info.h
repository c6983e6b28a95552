#ifndef AIMSBOOK_BUILD_INFO_H
#define AIMSBOOK_BUILD_INFO_H

// The git commit `aimsbook --version` names. `make dist` sets AIMSBOOK_GIT_COMMIT in the
// environment and Package.swift passes it to the clang importer as AIMSBOOK_GIT_COMMIT_VALUE;
// any other build (plain `swift build`, Xcode, a package depending on this one) says it does
// not know, so a version line never names a commit the binary was not built from.
#ifdef AIMSBOOK_GIT_COMMIT_VALUE
#define AIMSBOOK_GIT_COMMIT AIMSBOOK_GIT_COMMIT_VALUE
#else
#define AIMSBOOK_GIT_COMMIT "unknown commit"
#endif

#endif
