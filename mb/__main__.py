from mb.cli import main

raise SystemExit(main())
